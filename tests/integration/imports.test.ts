import iconv from "iconv-lite";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { importChunks, imports, parcels, registrations } from "@/db/schema";
import { appDeps } from "@/lib/runtime/app-deps";
import { CSV_PROBLEMS } from "@/lib/imports/parse-problem";
import { processImport } from "@/lib/imports/process";
import { importStatus, storeImport, type ImportMode } from "@/lib/imports/store";
import type { ImportEncoding } from "@/lib/imports/encoding";
import type { Recipient } from "@/lib/parcels/new-parcel";
import { decryptJson, piiKeyRing } from "@/lib/privacy/pii-crypto";
import { body, goodRow, HEADER_EN, HEADER_KO, tenGoodThreeBad } from "../support/csv";
import { createCarrier, uniquePhone } from "../support/fixtures";

async function runImport(carrierId: string, bytes: Buffer | string, mode: ImportMode, encoding?: ImportEncoding) {
  const id = await storeImport(appDeps(), { carrierId }, body(bytes), { mode, encoding });
  await processImport(appDeps(), id);
  return { id, status: (await importStatus(getDb(), carrierId, id))! };
}

const parcelsOf = async (carrierId: string) =>
  (await getDb().select({ n: count() }).from(parcels).where(eq(parcels.carrierId, carrierId)))[0]!.n;

describe("CSV import", () => {
  it("all-or-nothing: 10 good rows and 3 bad ones import none and name the 3", async () => {
    const carrier = (await createCarrier()).id;
    const { csv, badRows } = tenGoodThreeBad();
    const { status } = await runImport(carrier, csv, "all");
    expect(status).toMatchObject({ status: "failed", total: 13, processed: 13, imported: 0 });
    expect(status.errors.map((e) => e.row)).toEqual(badRows);
    expect(status.errors.map((e) => e.field)).toEqual(["phone", "phone", "address"]);
    expect(await parcelsOf(carrier)).toBe(0);
  });

  it("valid-only imports the 10 good rows and reports the 3 bad ones; the raw file is gone", async () => {
    const carrier = (await createCarrier()).id;
    const { csv } = tenGoodThreeBad();
    const { id, status } = await runImport(carrier, csv, "valid");
    expect(status).toMatchObject({ status: "done", total: 13, processed: 13, imported: 10 });
    expect(status.errors).toHaveLength(3);
    expect(await parcelsOf(carrier)).toBe(10);
    const chunks = await getDb().select({ n: count() }).from(importChunks).where(eq(importChunks.importId, id));
    expect(chunks[0]!.n).toBe(0);
    const regs = await getDb().select({ n: count() }).from(registrations).where(eq(registrations.importId, id));
    expect(regs[0]!.n).toBeGreaterThan(0);
  });

  it("detects a CP949 file with Korean headers and imports its Korean text exactly", async () => {
    const carrier = (await createCarrier()).id;
    const phone = uniquePhone();
    const csv = `${HEADER_KO}\n"(주)11번가",${phone},서울특별시 중구 세종대로 110,별관 3층,04524,경비실에 맡겨 주세요,한과 세트,주문-가나다\n`;
    const bytes = iconv.encode(csv, "cp949");
    expect(bytes.equals(Buffer.from(csv))).toBe(false);
    const { id, status } = await runImport(carrier, bytes, "all");
    expect(status).toMatchObject({ status: "done", imported: 1, errors: [] });
    expect((await getDb().select({ e: imports.encoding }).from(imports).where(eq(imports.id, id)))[0]!.e).toBe("cp949");
    const [row] = await getDb().select().from(parcels).where(eq(parcels.carrierId, carrier));
    const recipient = decryptJson<Recipient>(
      piiKeyRing(appDeps().config.PII_KEYS),
      row!.piiKeyId!,
      row!.piiCiphertext!,
      row!.id,
    );
    expect(recipient).toMatchObject({
      name: "(주)11번가",
      address: "서울특별시 중구 세종대로 110",
      addressDetail: "별관 3층",
      memo: "경비실에 맡겨 주세요",
    });
    expect(row!.maskedName).toBe("(주)1***");
    expect(row!.itemName).toBe("한과 세트");
    expect(row!.reference).toBe("주문-가나다");
  });

  it("reads UTF-8 with a BOM, and refuses a file without the required columns", async () => {
    const carrier = (await createCarrier()).id;
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER_KO}\n${goodRow(1)}\n`)]);
    expect((await runImport(carrier, bom, "all")).status).toMatchObject({ status: "done", imported: 1 });
    const bad = await runImport(carrier, "name,address\n홍길동,서울특별시 중구 세종대로 110\n", "valid");
    expect(bad.status).toMatchObject({ status: "failed", imported: 0, errors: [{ row: 0, field: "phone" }] });
  });

  it("fails a file that is not valid CSV with the row and the reason, never its cells, in both modes", async () => {
    const carrier = (await createCarrier()).id;
    const broken = [
      HEADER_EN,
      goodRow(1),
      `"여러 줄\n이름",${uniquePhone()},서울특별시 중구 세종대로 110`,
      `홍길동,=HYPERLINK("http://evil.example"),서울특별시 중구 세종대로 110`,
      goodRow(4),
    ].join("\n");
    for (const mode of ["all", "valid"] as const) {
      const { status } = await runImport(carrier, broken, mode);
      expect(status).toMatchObject({ status: "failed", imported: 0 });
      expect(status.errors).toEqual([{ row: 3, field: "csv", message: CSV_PROBLEMS.quote }]);
      expect(JSON.stringify(status)).not.toContain("HYPERLINK");
    }
    const unclosed = await runImport(carrier, `${HEADER_EN}\n${goodRow(1)}\n홍길동,"=HYPERLINK(열린 따옴표\n`, "valid");
    expect(unclosed.status.errors).toEqual([{ row: 2, field: "csv", message: CSV_PROBLEMS.quote }]);
    expect(await parcelsOf(carrier)).toBe(0);
  });

  it("another carrier cannot read an import's state", async () => {
    const carrier = (await createCarrier()).id;
    const other = (await createCarrier()).id;
    const { id } = await runImport(carrier, tenGoodThreeBad().csv, "all");
    expect(await importStatus(getDb(), other, id)).toBeNull();
  });
});
