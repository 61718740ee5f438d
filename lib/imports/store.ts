import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { importChunks, importErrors, imports } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import type { Registrar } from "@/lib/parcels/register";
import { decryptPii, encryptPii, piiKeyRing } from "@/lib/privacy/pii-crypto";
import { EncodingSniffer, type ImportEncoding } from "./encoding";

type Deps = { db: Database; config: Pick<Env, "PII_KEYS"> };
export type ImportMode = "all" | "valid";

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const chunkAad = (importId: string, seq: number) => `import:${importId}:${seq}`;

export class ImportTooLarge extends Error {}

/**
 * Stores an uploaded CSV for its job: the body is read as it arrives and written in 1 MiB
 * chunks, each encrypted with the personal-data key (associated data: import and position,
 * so chunks cannot be swapped), so neither the file nor a large part of it is ever held in
 * memory. The encoding is the caller's, or detected while streaming. The import row and its
 * chunks are one transaction: a failed upload leaves nothing behind.
 */
export async function storeImport(
  deps: Deps,
  registrar: Registrar,
  body: AsyncIterable<Uint8Array>,
  options: { encoding?: ImportEncoding; mode: ImportMode },
): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(imports)
      .values({
        carrierId: registrar.carrierId,
        userId: registrar.userId ?? null,
        apiKeyId: registrar.apiKeyId ?? null,
        mode: options.mode,
        encoding: options.encoding ?? "utf-8",
      })
      .returning({ id: imports.id });
    const id = row!.id;
    const sniffer = new EncodingSniffer();
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let total = 0;
    let seq = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const { keyId, ciphertext } = encryptPii(
        piiKeyRing(deps.config.PII_KEYS),
        Buffer.concat(pending),
        chunkAad(id, seq),
      );
      await tx.insert(importChunks).values({ importId: id, seq, piiKeyId: keyId, ciphertext });
      seq++;
      pending = [];
      pendingBytes = 0;
    };
    for await (const chunk of body) {
      total += chunk.byteLength;
      if (total > MAX_IMPORT_BYTES) throw new ImportTooLarge();
      sniffer.write(chunk);
      pending.push(Buffer.from(chunk));
      pendingBytes += chunk.byteLength;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
    if (!options.encoding) await tx.update(imports).set({ encoding: sniffer.end() }).where(eq(imports.id, id));
    return id;
  });
}

/** The stored file, chunk by chunk, decrypted one at a time. */
export async function* storedChunks(deps: Deps, importId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const [chunk] = await deps.db
      .select({ piiKeyId: importChunks.piiKeyId, ciphertext: importChunks.ciphertext })
      .from(importChunks)
      .where(and(eq(importChunks.importId, importId), eq(importChunks.seq, seq)));
    if (!chunk) return;
    yield decryptPii(piiKeyRing(deps.config.PII_KEYS), chunk.piiKeyId, chunk.ciphertext, chunkAad(importId, seq));
  }
}

export type ImportStatus = {
  status: "running" | "done" | "failed";
  total: number;
  processed: number;
  imported: number;
  errors: { row: number; field: string; message: string }[];
};

/** The answer of GET /api/v1/imports/{id} (see /api/docs); null for another carrier's or unknown id. */
export async function importStatus(db: Database, carrierId: string, importId: string): Promise<ImportStatus | null> {
  const [row] = await db
    .select({ status: imports.status, total: imports.total, processed: imports.processed, imported: imports.imported })
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.carrierId, carrierId)));
  if (!row) return null;
  const errors = await db
    .select({ row: importErrors.row, field: importErrors.field, message: importErrors.message })
    .from(importErrors)
    .where(eq(importErrors.importId, importId))
    .orderBy(asc(importErrors.row));
  return { ...row, errors };
}
