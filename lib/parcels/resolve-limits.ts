import type { BucketPolicy } from "@/lib/rate-limit/token-bucket";
import type { RequestMeta } from "@/lib/core/request-meta";
import type { Viewer } from "@/lib/core/viewer";

/**
 * Anti-enumeration. A found parcel costs one token, a code that does not exist
 * costs a thirtieth of the bucket, so a script guessing codes is stopped within
 * about thirty tries while a courier scanning hundreds of real labels an hour
 * never notices. Anonymous callers are counted per IP, everyone else per
 * account or API key (a depot's shared IP does not pool its couriers).
 */
const MISSES_PER_BUCKET = 30;
const FOUND_COST = 1;

type CallerKind = "ip" | "account" | "api_key";
// Multiples of the base hourly budget (RESOLVE_LIMIT_PER_HOUR): a carrier's integration resolves far more.
const SCALE: Record<CallerKind, number> = { ip: 1, account: 2, api_key: 20 };

function resolvePolicy(kind: CallerKind, basePerHour: number): BucketPolicy {
  const capacity = basePerHour * SCALE[kind];
  return { name: `resolve:${kind}`, capacity, refillPerHour: capacity };
}

export function missCost(policy: BucketPolicy): number {
  return Math.ceil(policy.capacity / MISSES_PER_BUCKET);
}

/** Which bucket a request draws from. */
function resolveCaller(viewer: Viewer, meta: RequestMeta): { kind: CallerKind; id: string } {
  switch (viewer.kind) {
    case "anonymous":
      return { kind: "ip", id: meta.ip ?? "unknown" };
    case "api_key":
      return { kind: "api_key", id: viewer.apiKeyId };
    default:
      return { kind: "account", id: viewer.userId };
  }
}

/** A request's bucket, and what it pays up front: a found parcel's cost (a miss pays the rest later). */
export type ResolveBucket = { policy: BucketPolicy; callerId: string; cost: number };

export function resolveBucket(viewer: Viewer, meta: RequestMeta, basePerHour: number): ResolveBucket {
  const caller = resolveCaller(viewer, meta);
  return { policy: resolvePolicy(caller.kind, basePerHour), callerId: caller.id, cost: FOUND_COST };
}
