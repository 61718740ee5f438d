import { and, eq } from "drizzle-orm";
import type { RedisClient } from "@/lib/redis/client";
import type { Database } from "@/db/client";
import { disclosures, parcels } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { metrics } from "@/lib/observability/metrics";
import { decryptJson, piiKeyRing } from "@/lib/privacy/pii-crypto";
import { chargeTokens, consumeTokens, type BucketResult } from "@/lib/rate-limit/token-bucket";
import { decideAccess } from "./access";
import { parseParcelCode } from "./code";
import type { Recipient } from "./new-parcel";
import { FULL_VIEW_FIELDS, fullView, maskedView, type MaskedParcelView, type ParcelView } from "./parcel-view";
import { missCost, resolveBucket, type ResolveBucket } from "./resolve-limits";
import {
  cacheSnapshot,
  chargeAndReadSnapshot,
  loadSnapshot,
  readCachedSnapshot,
  type ParcelSnapshot,
} from "./snapshot";
import { fullViewTimeline } from "./timeline";
import { readFullViewAtOnce, type DisclosureRow } from "./full-view-read";
import type { RequestMeta } from "@/lib/core/request-meta";
import { ANONYMOUS, type Viewer } from "@/lib/core/viewer";

export type ResolveDeps = {
  db: Database;
  redis: RedisClient;
  config: Pick<Env, "PII_KEYS" | "PII_RETENTION_DAYS" | "RESOLVE_LIMIT_PER_HOUR">;
  now?: () => Date;
};

export type LookupOutcome<T> =
  { kind: "found"; view: T } | { kind: "not_found" } | { kind: "rate_limited"; retryAfterSeconds: number };
export type ResolveOutcome = LookupOutcome<ParcelView>;

// A malformed code is looked up like any other, as this string no code can equal,
// so malformed and unknown codes take the same path and the same time.
const NEVER_A_CODE = "-";

/**
 * The one way to turn a scanned code into what the viewer may see: page, API and
 * scanner action all call this. Rate limit and cache read share one Redis round
 * trip; a full view re-checks access in the database and is audited in the same
 * transaction as the read.
 */
export async function resolveParcel(
  deps: ResolveDeps,
  viewer: Viewer,
  rawCode: string,
  meta: RequestMeta,
  options: { precharged?: boolean } = {},
): Promise<ResolveOutcome> {
  const outcome = await resolveUncounted(deps, viewer, rawCode, meta, options.precharged === true);
  metrics().resolves.inc({ outcome: outcomeLabel(outcome) });
  return outcome;
}

/**
 * Charges a look-up to the viewer's bucket ahead of the page that resolves it (proxy.ts, for a
 * request with a session cookie), so that a refusal is answered 429 before anything renders:
 * a page cannot set its own status. The page then resolves with `precharged`, which charges
 * only what a miss costs on top. A refusal is counted here, as resolveParcel would count it.
 */
export async function chargeLookup(
  deps: Pick<ResolveDeps, "redis" | "config">,
  viewer: Viewer,
  meta: RequestMeta,
): Promise<BucketResult> {
  const bucket = resolveBucket(viewer, meta, deps.config.RESOLVE_LIMIT_PER_HOUR);
  const limit = await consumeTokens(deps.redis, bucket.policy, bucket.callerId, bucket.cost);
  if (!limit.allowed) metrics().resolves.inc({ outcome: "throttled" });
  return limit;
}

function outcomeLabel(outcome: ResolveOutcome): "masked" | "full" | "not_found" | "throttled" {
  if (outcome.kind === "found") return outcome.view.visibility;
  return outcome.kind === "rate_limited" ? "throttled" : "not_found";
}

async function resolveUncounted(
  deps: ResolveDeps,
  viewer: Viewer,
  rawCode: string,
  meta: RequestMeta,
  precharged: boolean,
): Promise<ResolveOutcome> {
  const code = parseParcelCode(rawCode) ?? NEVER_A_CODE;
  const bucket = resolveBucket(viewer, meta, deps.config.RESOLVE_LIMIT_PER_HOUR);
  const { limit, cached } = precharged
    ? { limit: { allowed: true, retryAfterSeconds: 0 }, cached: await readCachedSnapshot(deps.redis, code) }
    : await chargeAndReadSnapshot(deps.redis, bucket, code);
  if (!limit.allowed) return { kind: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };

  const snapshot = await snapshotOf(deps, code, cached);
  if (!snapshot) {
    await chargeMiss(deps.redis, bucket);
    return { kind: "not_found" };
  }
  const now = deps.now?.() ?? new Date();
  const access = decideAccess(viewer, snapshot, deps.config.PII_RETENTION_DAYS, now);
  if (access.visibility === "masked") {
    return { kind: "found", view: maskedView(snapshot, access.expired, access.itemName) };
  }
  return { kind: "found", view: await readFullView(deps, viewer, snapshot, access.audited, meta, now) };
}

/**
 * A code looked up through another door (the courier's scan) on the same budget as resolveParcel:
 * a found parcel's cost up front, a miss's price when `find` finds nothing (a malformed code is
 * a miss too, as there).
 */
export async function chargedLookup<T>(
  deps: Pick<ResolveDeps, "redis" | "config">,
  viewer: Viewer,
  meta: RequestMeta,
  find: () => Promise<T | null>,
): Promise<LookupOutcome<T>> {
  const bucket = resolveBucket(viewer, meta, deps.config.RESOLVE_LIMIT_PER_HOUR);
  const limit = await consumeTokens(deps.redis, bucket.policy, bucket.callerId, bucket.cost);
  if (!limit.allowed) return { kind: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  const view = await find();
  if (view) return { kind: "found", view };
  await chargeMiss(deps.redis, bucket);
  return { kind: "not_found" };
}

/** The rest of a miss's price, after the found cost already taken. */
async function chargeMiss(redis: RedisClient, bucket: ResolveBucket): Promise<void> {
  await chargeTokens(redis, bucket.policy, bucket.callerId, missCost(bucket.policy) - bucket.cost);
}

/** Redis's copy when there was one, else the database's (then cached for the next scan). */
async function snapshotOf(
  deps: ResolveDeps,
  code: string,
  cached: ParcelSnapshot | null,
): Promise<ParcelSnapshot | null> {
  if (cached) return cached;
  const snapshot = await loadSnapshot(deps.db, code);
  if (snapshot) void cacheSnapshot(deps.redis, snapshot).catch(() => {});
  return snapshot;
}

/**
 * What a stranger sees of a code, charging no one: only for rendering the stranger's cached page
 * (lib/parcels/stranger-page.ts), whose scan resolveParcel has already charged and counted.
 */
export async function strangerViewUncharged(deps: ResolveDeps, rawCode: string): Promise<MaskedParcelView | null> {
  const code = parseParcelCode(rawCode);
  if (!code) return null;
  const snapshot = await snapshotOf(deps, code, await readCachedSnapshot(deps.redis, code));
  if (!snapshot) return null;
  const access = decideAccess(ANONYMOUS, snapshot, deps.config.PII_RETENTION_DAYS, deps.now?.() ?? new Date());
  return maskedView(snapshot, access.expired, access.itemName);
}

/**
 * The full view the cached snapshot promised, in one statement when the parcel's row still holds
 * every fact that decision read (nearly always: writes forget the cached snapshot); otherwise
 * decided again on the row, in a transaction.
 */
async function readFullView(
  deps: ResolveDeps,
  viewer: Viewer,
  cached: ParcelSnapshot,
  audited: boolean,
  meta: RequestMeta,
  now: Date,
): Promise<ParcelView> {
  const read = await readFullViewAtOnce(deps.db, cached, audited ? disclosureRow(viewer, meta) : null);
  if (!read) return readFullViewOnRow(deps, viewer, cached, meta, now);
  if (audited) metrics().disclosures.inc({ viewer_role: viewer.kind });
  const recipient = decryptJson<Recipient>(
    piiKeyRing(deps.config.PII_KEYS),
    read.piiKeyId,
    read.piiCiphertext,
    cached.id,
  );
  return fullView(cached, recipient, read.timeline);
}

async function readFullViewOnRow(
  deps: ResolveDeps,
  viewer: Viewer,
  cached: ParcelSnapshot,
  meta: RequestMeta,
  now: Date,
): Promise<ParcelView> {
  return deps.db.transaction(async (tx) => {
    // The cache may be a few seconds stale: access to full data is decided again on the row itself.
    const [row] = await tx
      .select({
        status: parcels.status,
        courierId: parcels.courierId,
        deliveredAt: parcels.deliveredAt,
        piiPurgedAt: parcels.piiPurgedAt,
        piiKeyId: parcels.piiKeyId,
        piiCiphertext: parcels.piiCiphertext,
        registeredAt: parcels.createdAt,
      })
      .from(parcels)
      .where(and(eq(parcels.id, cached.id), eq(parcels.code, cached.code)))
      .for("share");
    if (!row) return maskedView(cached, false, false);
    const snapshot: ParcelSnapshot = { ...cached, ...row, purged: row.piiPurgedAt !== null || !row.piiCiphertext };
    const access = decideAccess(viewer, snapshot, deps.config.PII_RETENTION_DAYS, now);
    if (access.visibility === "masked" || !row.piiKeyId || !row.piiCiphertext) {
      return maskedView(snapshot, snapshot.purged, access.itemName);
    }
    const recipient = decryptJson<Recipient>(
      piiKeyRing(deps.config.PII_KEYS),
      row.piiKeyId,
      row.piiCiphertext,
      snapshot.id,
    );
    const timeline = await fullViewTimeline(tx, snapshot.id, row.registeredAt);
    // The audit row takes no shared lock: the sequencer links it into the chain after commit.
    if (access.audited) {
      await tx.insert(disclosures).values({ parcelId: snapshot.id, ...disclosureRow(viewer, meta) });
      metrics().disclosures.inc({ viewer_role: viewer.kind });
    }
    return fullView(snapshot, recipient, timeline);
  });
}

function disclosureRow(viewer: Viewer, meta: RequestMeta): DisclosureRow {
  return {
    viewerUserId: "userId" in viewer ? viewer.userId : null,
    viewerApiKeyId: viewer.kind === "api_key" ? viewer.apiKeyId : null,
    viewerRole: viewer.kind,
    fields: [...FULL_VIEW_FIELDS],
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
  };
}
