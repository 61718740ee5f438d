import "server-only";
import { randomUUID } from "node:crypto";
import type { RedisClient } from "@/lib/redis/client";
import type { Database } from "@/db/client";
import { reports } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { parseParcelCode } from "@/lib/parcels/code";
import { relationTo } from "@/lib/parcels/relation";
import { loadSnapshot } from "@/lib/parcels/snapshot";
import type { RequestMeta } from "@/lib/core/request-meta";
import type { Viewer } from "@/lib/core/viewer";
import { encryptPii, piiKeyRing } from "@/lib/privacy/pii-crypto";
import { consumeTokens, type BucketPolicy } from "@/lib/rate-limit/token-bucket";
import { fieldErrors } from "@/lib/validation/field-errors";
import { newReportReference } from "./reference";
import { reportInputSchema } from "./report-input";

export type ReportDeps = { db: Database; redis: RedisClient; config: Pick<Env, "PII_KEYS"> };

export type ReportOutcome =
  | { kind: "created"; reference: string }
  | { kind: "invalid"; fields: Record<string, string[]> }
  | { kind: "not_found" }
  | { kind: "forbidden" }
  | { kind: "rate_limited"; retryAfterSeconds: number };

/**
 * Five reports at once, then one every two minutes, per IP (a stranger) or per account:
 * a finder sends one, an owner a few; a script flooding a carrier's inbox stops at once.
 * Every attempt that reaches the lookup costs a token, an unknown code too, so this is no code
 * oracle either. Malformed input costs nothing: it is refused before any lookup.
 */
const REPORT_POLICY: BucketPolicy = { name: "report", capacity: 5, refillPerHour: 30 };

/** The contact's encryption is bound to its report row, so a copied blob does not decrypt elsewhere. */
export const contactAad = (reportId: string) => `report:${reportId}`;

function throttleId(viewer: Viewer, meta: RequestMeta): string {
  if ("userId" in viewer) return `user:${viewer.userId}`;
  if (viewer.kind === "api_key") return `key:${viewer.apiKeyId}`;
  return `ip:${meta.ip ?? "unknown"}`;
}

/** A report from anyone (found) or from the owner (not mine, return it); nothing is stored unless it is accepted. */
export async function createReport(
  deps: ReportDeps,
  viewer: Viewer,
  rawCode: string,
  input: unknown,
  meta: RequestMeta,
): Promise<ReportOutcome> {
  const parsed = reportInputSchema.safeParse(input);
  if (!parsed.success) return { kind: "invalid", fields: fieldErrors(parsed.error) };
  const { kind, place, message, contact } = parsed.data;
  // Only a recipient can own a parcel: anyone else asking for an owner's kind is refused before
  // anything is looked up, so the refusal says nothing about the code.
  if (kind !== "found" && viewer.kind !== "recipient") return { kind: "forbidden" };
  const limit = await consumeTokens(deps.redis, REPORT_POLICY, throttleId(viewer, meta), 1);
  if (!limit.allowed) return { kind: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  const code = parseParcelCode(rawCode);
  const parcel = code ? await loadSnapshot(deps.db, code) : null;
  // An owner's kind on a code that is not the caller's is refused alike whether the code is
  // someone else's or no one's: the answer must not tell a recipient which codes exist.
  if (kind !== "found" && (!parcel || relationTo(viewer, parcel) !== "owner")) return { kind: "forbidden" };
  if (!parcel) return { kind: "not_found" };
  const id = randomUUID();
  const sealed = contact ? encryptPii(piiKeyRing(deps.config.PII_KEYS), contact, contactAad(id)) : null;
  const reference = newReportReference();
  await deps.db.insert(reports).values({
    id,
    reference,
    parcelId: parcel.id,
    carrierId: parcel.carrierId,
    kind,
    place: place ?? null,
    message: message ?? null,
    contactKeyId: sealed?.keyId ?? null,
    contactCiphertext: sealed?.ciphertext ?? null,
    reporterUserId: "userId" in viewer ? viewer.userId : null,
  });
  return { kind: "created", reference };
}
