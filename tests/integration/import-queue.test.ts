import { spawn, type ChildProcess } from "node:child_process";
import { count, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { imports, parcels } from "@/db/schema";
import { appDeps } from "@/lib/runtime/app-deps";
import { enqueueImport } from "@/lib/imports/queue";
import { importStatus, storeImport, type ImportStatus } from "@/lib/imports/store";
import { body, goodRow, HEADER_EN } from "../support/csv";
import { createCarrier } from "../support/fixtures";

/** A worker in its own process, as in a server; its peak RSS as it reports it. */
function startWorker(): { child: ChildProcess; peakMb: () => number; ready: Promise<void>; output: () => string } {
  const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "tests/support/import-worker.ts"], {
    env: process.env,
  });
  let peak = 0;
  let output = "";
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.setEncoding("utf8").on("data", (text: string) => {
    output += text;
    for (const line of text.split("\n")) {
      if (line === "ready") markReady();
      const rss = /^rss ([\d.]+)$/.exec(line);
      if (rss) peak = Math.max(peak, Number(rss[1]));
    }
  });
  child.stderr!.setEncoding("utf8").on("data", (text: string) => {
    output += text;
    process.stderr.write(`worker | ${text}`);
  });
  return { child, peakMb: () => peak, ready, output: () => output };
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGKILL");
});

function csvOf(rows: number): string {
  const lines = [HEADER_EN];
  for (let i = 0; i < rows; i++)
    lines.push(goodRow(i, `010-${String(2000 + (i % 7000)).padStart(4, "0")}-${String(i % 10_000).padStart(4, "0")}`));
  return lines.join("\n") + "\n";
}

async function waitFor(carrierId: string, id: string, until: (s: ImportStatus) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await importStatus(getDb(), carrierId, id))!;
    if (until(status)) return status;
    if (Date.now() > deadline)
      throw new Error(`import still ${JSON.stringify({ ...status, errors: status.errors.length })}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const parcelsOf = async (carrierId: string) =>
  (await getDb().select({ n: count() }).from(parcels).where(eq(parcels.carrierId, carrierId)))[0]!.n;

describe("CSV imports on the queue", () => {
  it("a 100,000-row import completes in a worker process whose RSS stays under 512 MB", async () => {
    const carrierId = (await createCarrier()).id;
    const csv = csvOf(100_000);
    const id = await storeImport(appDeps(), { carrierId }, body(csv, 64 * 1024), { mode: "all" });
    const worker = startWorker();
    running.push(worker.child);
    await worker.ready;
    const started = Date.now();
    await enqueueImport(id);
    const status = await waitFor(carrierId, id, (s) => s.status !== "running", 600_000);
    const seconds = (Date.now() - started) / 1000;
    const megabytes = Buffer.byteLength(csv) / 1e6;
    console.log(
      `100,000-row import (${megabytes.toFixed(1)} MB): ${seconds.toFixed(1)} s, ` +
        `${Math.round(100_000 / seconds)} rows/s, worker peak RSS ${worker.peakMb()} MB`,
    );
    expect(status).toMatchObject({ status: "done", total: 100_000, imported: 100_000 });
    expect(await parcelsOf(carrierId)).toBe(100_000);
    expect(worker.peakMb()).toBeGreaterThan(0);
    expect(worker.peakMb()).toBeLessThan(512);
  }, 660_000);

  it("a worker SIGKILLed mid-import leaves nothing half-written; a new one runs it again to the end", async () => {
    const carrierId = (await createCarrier()).id;
    const id = await storeImport(appDeps(), { carrierId }, body(csvOf(20_000), 64 * 1024), { mode: "all" });
    const first = startWorker();
    running.push(first.child);
    await first.ready;
    await enqueueImport(id);
    await waitFor(carrierId, id, (s) => s.processed >= 2_000, 120_000);
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    const killed = (await importStatus(getDb(), carrierId, id))!;
    expect(killed).toMatchObject({ status: "running", imported: 0 });
    expect(await parcelsOf(carrierId)).toBe(0); // the open transaction died with the process

    const second = startWorker();
    running.push(second.child);
    const status = await waitFor(carrierId, id, (s) => s.status !== "running", 240_000);
    console.log(`after SIGKILL: ${JSON.stringify({ ...status, errors: status.errors.length })}`);
    expect(await parcelsOf(carrierId)).toBe(status.imported);
    expect(status).toMatchObject({ status: "done", imported: 20_000 });
  }, 300_000);

  it("fails a file that is not valid CSV once, with its row and reason, and logs no cell of it", async () => {
    const carrierId = (await createCarrier()).id;
    const csv = `${HEADER_EN}\n${goodRow(1)}\n홍길동,=HYPERLINK("http://evil.example"),서울특별시 중구 세종대로 110\n`;
    const id = await storeImport(appDeps(), { carrierId }, body(csv), { mode: "valid" });
    const worker = startWorker();
    running.push(worker.child);
    await worker.ready;
    await enqueueImport(id);
    const status = await waitFor(carrierId, id, (s) => s.status !== "running", 30_000);
    expect(status).toMatchObject({ status: "failed", imported: 0, errors: [{ row: 2, field: "csv" }] });
    // Long enough for the queue's retry (1 s backoff) to have run, were there one.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const [job] = await getDb().select({ attempts: imports.attempts }).from(imports).where(eq(imports.id, id));
    expect(job!.attempts).toBe(1);
    expect(worker.output()).not.toMatch(/HYPERLINK|evil\.example|홍길동/);
  }, 60_000);
});
