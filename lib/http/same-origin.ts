import { env } from "@/lib/config/env";
/** What the origin check reads of a request: web `Headers` have it. */
type HeaderReader = Pick<Headers, "get">;

/**
 * Cookie-authenticated POSTs (login, logout) must come from our own pages:
 * SameSite=Lax still sends cookies on a cross-site top-level form post. The
 * browser's Origin header tells; a request without one is refused too.
 */
export function isSameOrigin(headers: HeaderReader): boolean {
  const origin = headers.get("origin");
  if (!origin) return false;
  if (origin === env().PUBLIC_URL) return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Only local paths are followed after login, never another site (`//evil.example` included). */
export function safeReturnPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return fallback;
  }
  return value.slice(0, 512);
}
