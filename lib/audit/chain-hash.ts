import { createHash } from "node:crypto";

/** What a carrier's first audit row links to. */
export const GENESIS_HASH = "0".repeat(64);

/** One audit row as the chain hashes it: every column, the time in whole microseconds since 1970. */
export type ChainRow = {
  carrierId: string;
  chainSeq: string;
  id: string;
  parcelId: string;
  viewerUserId: string | null;
  viewerApiKeyId: string | null;
  viewerRole: string;
  fields: (string | null)[];
  ip: string | null;
  userAgent: string | null;
  createdMicros: string;
};

/** A value's UTF-8 byte length, a colon, the value; "~" for null: no two values share a text. */
const field = (value: string | null): string => (value === null ? "~" : `${Buffer.byteLength(value, "utf8")}:${value}`);

/**
 * The row's hash, computed independently of the database's `disclosure_hash` (migration 0009)
 * and byte for byte the same, so the verifier does not trust a function an intruder could replace.
 */
export function chainHash(prevHash: string, row: ChainRow): string {
  const fields = `${row.fields.length}#${row.fields.map(field).join("")}`;
  const text = [
    "exq-audit-v1",
    prevHash,
    row.carrierId,
    row.chainSeq,
    row.id,
    row.parcelId,
    field(row.viewerUserId),
    field(row.viewerApiKeyId),
    field(row.viewerRole),
    field(fields),
    field(row.ip),
    field(row.userAgent),
    row.createdMicros,
  ].join("|");
  return createHash("sha256").update(text, "utf8").digest("hex");
}
