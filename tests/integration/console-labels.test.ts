/**
 * Labels for a selection and for a whole import: one PDF, 4x6 / A6 singles or A4 sheets of
 * four, checked with poppler (page count, and the printed codes in order).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as importLabelsRoute } from "@/app/api/v1/imports/[id]/labels.pdf/route";
import { POST as labelSheetRoute } from "@/app/api/v1/labels/route";
import { getDb } from "@/db/client";
import { imports } from "@/db/schema";
import { env } from "@/lib/config/env";
import { labelsOfImport, LABELS_PER_PDF } from "@/lib/labels/label-data";
import { shortCode } from "@/lib/parcels/code";
import { registerParcels } from "@/lib/parcels/register";
import { appDeps } from "@/lib/runtime/app-deps";
import { createApiKey, createCarrier, parcelInput } from "../support/fixtures";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exq-console-labels-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let files = 0;
async function readPdf(response: Response): Promise<{ pages: number; text: string }> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/pdf");
  const file = path.join(dir, `labels-${files++}.pdf`);
  fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  const info = execFileSync("pdfinfo", [file]).toString("utf8");
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  return { pages, text: execFileSync("pdftotext", [file, "-"]).toString("utf8") };
}

/** The short codes in the order the PDF prints them. */
const printedCodes = (text: string, codes: string[]) =>
  codes
    .map((code) => ({ code, at: text.indexOf(shortCode(code)) }))
    .filter((entry) => entry.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((entry) => entry.code);

const post = (key: string, body: unknown) =>
  labelSheetRoute(
    new Request("http://localhost/api/v1/labels", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

const getImportLabels = (key: string, importId: string, query: string) =>
  importLabelsRoute(
    new Request(`http://localhost/api/v1/imports/${importId}/labels.pdf?${query}`, {
      headers: { authorization: `Bearer ${key}` },
    }),
    { params: Promise.resolve({ id: importId }) },
  );

describe("labels for a selection", () => {
  let mine: { key: string };
  let theirs: { key: string };
  let codes: string[];
  beforeAll(async () => {
    const carrier = (await createCarrier()).id;
    mine = await createApiKey(carrier);
    theirs = await createApiKey((await createCarrier()).id);
    const inputs = Array.from({ length: 5 }, () => parcelInput());
    codes = (await registerParcels(getDb(), { carrierId: carrier }, inputs, env())).map((p) => p.code);
  });

  it("prints 4x6 and A6 singles one a page, A4 sheets four a page, in the order asked", async () => {
    const order = [...codes].reverse();
    for (const size of ["4x6", "a6"] as const) {
      const pdf = await readPdf(await post(mine.key, { codes: order, size }));
      expect(pdf.pages).toBe(5);
      expect(printedCodes(pdf.text, codes)).toEqual(order);
    }
    const sheet = await readPdf(await post(mine.key, { codes: order }));
    expect(sheet.pages).toBe(2);
    expect(printedCodes(sheet.text, codes)).toEqual(order);
    // Nothing of the recipient is printed.
    expect(sheet.text).not.toMatch(/홍길동|010-|오목로/);
  });

  it("refuses another carrier's codes, and an unknown size", async () => {
    const response = await post(theirs.key, { codes: codes.slice(0, 2), size: "a6" });
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields).toEqual({ codes: ["contains unknown codes"] });
    expect((await post(mine.key, { codes, size: "letter" })).status).toBe(400);
  });
});

describe("labels for a whole import", () => {
  let mine: { key: string };
  let theirs: { key: string };
  let importId: string;
  let carrier: string;
  let codes: string[];
  beforeAll(async () => {
    carrier = (await createCarrier()).id;
    mine = await createApiKey(carrier);
    theirs = await createApiKey((await createCarrier()).id);
    const [row] = await getDb()
      .insert(imports)
      .values({ carrierId: carrier, mode: "all", encoding: "utf-8", status: "done" })
      .returning({ id: imports.id });
    importId = row!.id;
    // Two registrations, as an import commits chunk by chunk, and a parcel outside the import between them.
    const first = Array.from({ length: LABELS_PER_PDF - 2 }, () => parcelInput());
    const second = Array.from({ length: 3 }, () => parcelInput());
    codes = (await registerParcels(getDb(), { carrierId: carrier, importId }, first, env())).map((p) => p.code);
    await registerParcels(getDb(), { carrierId: carrier }, [parcelInput()], env());
    codes.push(...(await registerParcels(getDb(), { carrierId: carrier, importId }, second, env())).map((p) => p.code));
  }, 120_000);

  it("selects exactly the import's parcels, in import order, a thousand a part", async () => {
    const part1 = await labelsOfImport(appDeps(), carrier, importId, 1);
    const part2 = await labelsOfImport(appDeps(), carrier, importId, 2);
    expect(part1).toHaveLength(LABELS_PER_PDF);
    expect([...part1, ...part2].map((label) => label.code).sort()).toEqual([...codes].sort());
    expect(part2.map((label) => label.code)).toEqual(codes.slice(LABELS_PER_PDF));
    expect(await labelsOfImport(appDeps(), carrier, importId, 3)).toEqual([]);
  });

  it("prints the last part as one PDF in each size", async () => {
    const last = codes.slice(LABELS_PER_PDF);
    const a6 = await readPdf(await getImportLabels(mine.key, importId, "size=a6&part=2"));
    expect(a6.pages).toBe(1);
    expect(printedCodes(a6.text, codes)).toEqual(last);
    expect((await readPdf(await getImportLabels(mine.key, importId, "part=2"))).pages).toBe(1);
  });

  it("answers another carrier's admin or key as if the import did not exist", async () => {
    expect((await getImportLabels(theirs.key, importId, "part=2")).status).toBe(404);
    expect((await getImportLabels(mine.key, importId, "part=0")).status).toBe(400);
    expect((await getImportLabels(mine.key, "not-an-id", "")).status).toBe(404);
  });
});
