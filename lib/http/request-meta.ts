import { env } from "@/lib/config/env";
import { clientAddress, forwardedHops } from "./client-address";

/** Where a request came from: written into the audit log with every full view and into sessions. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

/**
 * The caller, from X-Forwarded-For as the forwarding edge (forwarding-edge.ts) leaves it: its
 * last entry is the socket's peer, entries before it only count while each hop is one of
 * TRUSTED_PROXIES. Only a valid IP address is ever returned.
 */
export function callerMeta(
  forwardedFor: string | null | undefined,
  userAgent: string | null | undefined,
  trusted: readonly string[] = env().TRUSTED_PROXIES,
): RequestMeta {
  return { ip: clientAddress(forwardedHops(forwardedFor), trusted), userAgent: userAgent?.slice(0, 512) ?? null };
}

export function requestMeta(headers: Headers, trusted?: readonly string[]): RequestMeta {
  return callerMeta(headers.get("x-forwarded-for"), headers.get("user-agent"), trusted);
}
