import { createHash } from "node:crypto";

/** What a carrier's first audit row links to. */
export const GENESIS_HASH = "0".repeat(64);

/** One audit row's content: every column the request wrote, the time in whole microseconds since 1970. */
export type ContentRow = {
  carrierId: string;
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

/** A row chained before content hashes existed: its hash covers its sequence number and content at once. */
export type ChainRow = ContentRow & { chainSeq: string };

/** A value's UTF-8 byte length, a colon, the value; "~" for null: no two values share a text. */
const field = (value: string | null): string => (value === null ? "~" : `${Buffer.byteLength(value, "utf8")}:${value}`);

const sha256 = (parts: string[]): string => createHash("sha256").update(parts.join("|"), "utf8").digest("hex");

/** The canonical text of the row's columns after the carrier, shared by both hash versions. */
function contentParts(row: ContentRow): string[] {
  const fields = `${row.fields.length}#${row.fields.map(field).join("")}`;
  return [
    row.id,
    row.parcelId,
    field(row.viewerUserId),
    field(row.viewerApiKeyId),
    field(row.viewerRole),
    field(fields),
    field(row.ip),
    field(row.userAgent),
    row.createdMicros,
  ];
}

/**
 * The hash of a row chained before content hashes existed (migration 0009 linked each row as it
 * was inserted), over its place and content at once. Every hash here is computed independently of
 * the database's functions, byte for byte the same, so the verifier trusts no function an intruder
 * could replace.
 */
export function chainHash(prevHash: string, row: ChainRow): string {
  return sha256(["exq-audit-v1", prevHash, row.carrierId, row.chainSeq, ...contentParts(row)]);
}

/** The row's content hash, as the insert trigger computes it (`audit_content_hash`, migration 0015). */
export function contentHash(row: ContentRow): string {
  return sha256(["exq-audit-row-v2", row.carrierId, ...contentParts(row)]);
}

/** A sequenced row's link in the chain (`audit_link_hash`): the row before, its place, its content. */
export function linkHash(prevHash: string, chainSeq: number, rowContentHash: string): string {
  return sha256(["exq-audit-link-v2", prevHash, String(chainSeq), rowContentHash]);
}
