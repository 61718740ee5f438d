import { getRedis } from "@/lib/redis/client";
import { env } from "@/lib/config/env";
import { consumeTokens } from "@/lib/rate-limit/token-bucket";
import type { RequestMeta } from "@/lib/http/request-meta";
import { resolvePolicy, resolveCaller } from "./resolve-limits";
import { ANONYMOUS } from "./viewer";

/**
 * Seconds a stranger must wait before their next lookup (0: go ahead). Only a look at the
 * bucket that resolveParcel charges (cost 0 writes nothing), so a scan is still charged once,
 * by the resolve itself. proxy.ts asks this before a stranger's /p/{code} is rendered, because
 * a page cannot answer 429 itself.
 */
export async function strangerLookupWait(meta: RequestMeta): Promise<number> {
  const caller = resolveCaller(ANONYMOUS, meta);
  const policy = resolvePolicy(caller.kind, env().RESOLVE_LIMIT_PER_HOUR);
  const result = await consumeTokens(getRedis(), policy, caller.id, 0);
  return result.allowed ? 0 : Math.max(1, result.retryAfterSeconds);
}
