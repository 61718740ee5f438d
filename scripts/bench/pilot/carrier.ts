import { DEMO_API_KEY } from "@/scripts/seed";
import { sleep, withRetries, type PilotClient } from "./client";
import { importCsv, type World } from "./world";

const auth = { authorization: `Bearer ${DEMO_API_KEY}` };
const LABELS_PER_PART = 1_000;
const IMPORT_TIMEOUT_MS = 5 * 60_000;
const ASSIGNING_AT_ONCE = 8;

type ImportStatus = { status: "running" | "done" | "failed"; total: number; imported: number; errors: unknown[] };

/**
 * The carrier's morning: the day's parcels as one CSV through the API key, polled until the
 * import job is done, then every part of the labels PDF. Returns how many were imported and
 * how many label parts came back as PDFs.
 */
export async function importAndPrint(carrier: PilotClient, world: World): Promise<{ imported: number; parts: number }> {
  const posted = await withRetries(() =>
    carrier.send("import: upload CSV", "POST", "/api/v1/imports?encoding=utf-8", {
      body: importCsv(world),
      headers: { ...auth, "content-type": "text/csv" },
    }),
  );
  if (posted.status !== 202) throw new Error(`the import was refused: ${posted.status} ${posted.text.slice(0, 300)}`);
  const { id } = JSON.parse(posted.text) as { id: string };
  const deadline = Date.now() + IMPORT_TIMEOUT_MS;
  let status: ImportStatus | null = null;
  while (Date.now() < deadline) {
    const polled = await withRetries(() =>
      carrier.send("import: poll", "GET", `/api/v1/imports/${id}`, { headers: auth }),
    );
    if (polled.status === 200) status = JSON.parse(polled.text) as ImportStatus;
    if (status && status.status !== "running") break;
    await sleep(500);
  }
  if (status?.status !== "done") throw new Error(`the import did not finish: ${JSON.stringify(status)?.slice(0, 300)}`);
  let parts = 0;
  for (let part = 1; part <= Math.ceil(status.imported / LABELS_PER_PART); part++) {
    const pdf = await withRetries(() =>
      carrier.send("import: labels PDF part", "GET", `/api/v1/imports/${id}/labels.pdf?part=${part}`, {
        headers: auth,
      }),
    );
    if (pdf.status === 200 && pdf.text.startsWith("%PDF")) parts += 1;
  }
  return { imported: status.imported, parts };
}

/** The carrier hands each courier their share, several assignments at a time. */
export async function assignAll(carrier: PilotClient, shares: { email: string; codes: string[] }[]): Promise<number> {
  const queue = shares.flatMap(({ email, codes }) => codes.map((code) => ({ email, code })));
  let assigned = 0;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { code, email } = next;
      const answer = await withRetries(() =>
        carrier.json("assign", "POST", `/api/v1/parcels/${code}/assignment`, { courierEmail: email }, auth),
      );
      if (answer.status >= 200 && answer.status < 300) assigned += 1;
      else throw new Error(`assigning ${code} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: ASSIGNING_AT_ONCE }, worker));
  return assigned;
}
