import type { RequestMeta } from "@/lib/parcels/viewer";

/**
 * The caller's address: the last X-Forwarded-For entry, which is the one the
 * nearest proxy (or Next.js itself, from the socket, when there is none)
 * appended. Entries before it are whatever the client claimed.
 */
export function callerMeta(
  forwardedFor: string | null | undefined,
  userAgent: string | null | undefined,
  socketAddress?: string | null,
): RequestMeta {
  const ip = forwardedFor?.split(",").pop()?.trim() || socketAddress || null;
  return { ip: ip?.slice(0, 64) ?? null, userAgent: userAgent?.slice(0, 512) ?? null };
}

export function requestMeta(headers: Headers): RequestMeta {
  return callerMeta(headers.get("x-forwarded-for"), headers.get("user-agent"));
}
