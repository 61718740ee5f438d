import { Readable, pipeline } from "node:stream";
import { parse } from "csv-parse";
import { eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { importChunks, importErrors, imports } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import type { ParcelInput } from "@/lib/parcels/new-parcel";
import { logger } from "@/lib/observability/logger";
import { registerParcels } from "@/lib/parcels/register";
import { readHeader, readRow, type HeaderMap, type RowError } from "./columns";
import { decoderFor, type ImportEncoding } from "./encoding";
import { csvRecords, NotCsv } from "./not-csv";
import { CSV_PROBLEMS } from "./parse-problem";
import { storedChunks } from "./store";

type Config = Pick<Env, "PII_KEYS" | "AUTH_SECRET" | "PHONE_HASH_KEY" | "PUBLIC_URL">;
export type ImportDeps = { db: Database; config: Config };

const BATCH_ROWS = 1_000;

/** The stored file's records (arrays of cells), decoded and parsed as they stream, header first. */
function records(deps: ImportDeps, importId: string, encoding: ImportEncoding): AsyncIterable<string[]> {
  const decoder = decoderFor(encoding);
  async function* text() {
    for await (const chunk of storedChunks(deps, importId)) {
      const decoded = decoder.write(chunk);
      if (decoded) yield decoded;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }
  const parser = parse({ relax_column_count: true, skip_empty_lines: true, max_record_size: 64 * 1024 });
  // pipeline, not pipe: a failure on either side (a chunk that does not decrypt, a broken
  // quote) ends the iteration below with that error instead of leaving it waiting.
  return csvRecords(pipeline(Readable.from(text()), parser, () => {}));
}

async function countRecords(source: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const record of source) if (record) n++;
  return n;
}

class RolledBack extends Error {}

/**
 * Runs one import to its end, from the stored file: counts the rows, then validates and
 * registers them in ONE transaction, so a crash at any point commits nothing (the job is then
 * run again from the start, see queue.ts). `imported` and the status are written in that same
 * transaction. In mode "all" a bad row means nothing is registered; in mode "valid" every
 * good row is. Progress and errors are written outside it, so GET shows them as they come.
 */
export async function processImport(deps: ImportDeps, importId: string): Promise<void> {
  const { db } = deps;
  const [job] = await db.select().from(imports).where(eq(imports.id, importId));
  if (!job || job.status !== "running") return; // finished already (a retry after the commit)
  await db.delete(importErrors).where(eq(importErrors.importId, importId));
  await db
    .update(imports)
    .set({ processed: 0, attempts: sql`${imports.attempts} + 1` })
    .where(eq(imports.id, importId));
  try {
    const rows = (await countRecords(records(deps, importId, job.encoding))) - 1; // the header is not a row
    await db
      .update(imports)
      .set({ total: Math.max(rows, 0) })
      .where(eq(imports.id, importId));
    await registerAll(deps, job);
  } catch (error) {
    // A file that is not CSV stays so: the import fails at once, with the row and the reason,
    // instead of being retried by the queue.
    if (!(error instanceof NotCsv)) throw error;
    const { row, problem, csvCode, line } = error;
    logger().warn({ importId, csvCode, line }, "import file is not CSV");
    await db.insert(importErrors).values({ importId, row, field: "csv", message: CSV_PROBLEMS[problem] });
    await db.transaction((tx) => finish(tx, importId, "failed", 0));
  }
}

async function registerAll(deps: ImportDeps, job: typeof imports.$inferSelect): Promise<void> {
  const registrar = { carrierId: job.carrierId, userId: job.userId, apiKeyId: job.apiKeyId, importId: job.id };
  try {
    await deps.db.transaction(async (tx) => {
      const result = await registerRows(deps, tx, job, registrar);
      if (result.fatal || (job.mode === "all" && result.errors > 0)) throw new RolledBack();
      await finish(tx, job.id, "done", result.imported);
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    await deps.db.transaction((tx) => finish(tx, job.id, "failed", 0));
  }
}

/** After the job ran out of attempts (queue.ts): failed, nothing imported (nothing committed). */
export async function failImport(db: Database, importId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [job] = await tx
      .select({ status: imports.status })
      .from(imports)
      .where(eq(imports.id, importId))
      .for("update");
    if (job?.status === "running") await finish(tx, importId, "failed", 0);
  });
}

async function finish(tx: Transaction, importId: string, status: "done" | "failed", imported: number) {
  await tx
    .update(imports)
    .set({ status, imported, finishedAt: sql`now()` })
    .where(eq(imports.id, importId));
  // The raw file held personal data: it goes as soon as the import ends.
  await tx.delete(importChunks).where(eq(importChunks.importId, importId));
}

async function registerRows(
  deps: ImportDeps,
  tx: Transaction,
  job: { id: string; mode: "all" | "valid"; encoding: ImportEncoding },
  registrar: Parameters<typeof registerParcels>[1],
): Promise<{ errors: number; imported: number; fatal: boolean }> {
  let header: HeaderMap | null = null;
  let row = 0;
  let errors = 0;
  let imported = 0;
  let batch: ParcelInput[] = [];
  let batchErrors: RowError[] = [];
  const flush = async () => {
    if (batch.length && (job.mode === "valid" || errors === 0)) {
      imported += (await registerParcels(tx, registrar, batch, deps.config)).length;
    }
    if (batchErrors.length)
      await deps.db.insert(importErrors).values(batchErrors.map((e) => ({ ...e, importId: job.id })));
    await deps.db.update(imports).set({ processed: row }).where(eq(imports.id, job.id));
    batch = [];
    batchErrors = [];
  };
  for await (const cells of records(deps, job.id, job.encoding)) {
    if (!header) {
      const read = readHeader(cells);
      if (!read.ok) {
        await deps.db.insert(importErrors).values(read.errors.map((e) => ({ ...e, importId: job.id })));
        return { errors: read.errors.length, imported: 0, fatal: true };
      }
      header = read.map;
      continue;
    }
    row++;
    const read = readRow(header, cells, row);
    if (read.ok) batch.push(read.input);
    else {
      errors++;
      batchErrors.push(...read.errors);
    }
    if (batch.length + batchErrors.length >= BATCH_ROWS) await flush();
  }
  await flush();
  return { errors, imported, fatal: header === null };
}
