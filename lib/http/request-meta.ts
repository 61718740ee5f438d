import { env } from "@/lib/config/env";
import type { RequestMeta } from "@/lib/core/request-meta";
import { clientAddress, forwardedHops } from "./client-address";

/**
 * The caller, from X-Forwarded-For as the forwarding edge (forwarding-edge.ts) leaves it: its
 * last entry is the socket's peer, entries before it only count while each hop is one of
 * TRUSTED_PROXIES. Only a valid IP address is ever returned.
 */
function callerMeta(
  forwardedFor: string | null | undefined,
  userAgent: string | null | undefined,
  trusted: readonly string[] = env().TRUSTED_PROXIES,
): RequestMeta {
  return { ip: clientAddress(forwardedHops(forwardedFor), trusted), userAgent: userAgent?.slice(0, 512) ?? null };
}

export function requestMeta(headers: Headers, trusted?: readonly string[]): RequestMeta {
  return callerMeta(headers.get("x-forwarded-for"), headers.get("user-agent"), trusted);
}
