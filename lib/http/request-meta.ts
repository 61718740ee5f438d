import type { RequestMeta } from "@/lib/parcels/viewer";

/**
 * The caller's address: the last X-Forwarded-For entry, which is the one the
 * nearest proxy (or Next.js itself, from the socket, when there is none)
 * appended. Entries before it are whatever the client claimed.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim();
  return last ? last.slice(0, 64) : null;
}

export function requestMeta(headers: Headers): RequestMeta {
  return { ip: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, 512) ?? null };
}
