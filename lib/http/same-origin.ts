import { env } from "@/lib/config/env";
import { forwardedHops, isTrustedProxy, normalizeIp } from "./client-address";

/** What the origin check reads of a request: web `Headers` have it. */
type HeaderReader = Pick<Headers, "get">;

/**
 * Cookie-authenticated POSTs (login, logout) must come from our own pages:
 * SameSite=Lax still sends cookies on a cross-site top-level form post. The
 * browser's Origin header tells; a request without one is refused too. Our own
 * host is PUBLIC_URL's or the Host header's; X-Forwarded-Host only counts when the
 * nearest hop (the last X-Forwarded-For entry, see forwarding-edge.ts) is one of
 * TRUSTED_PROXIES, since any client can send it.
 */
export function isSameOrigin(headers: HeaderReader, trusted: readonly string[] = env().TRUSTED_PROXIES): boolean {
  const origin = headers.get("origin");
  if (!origin) return false;
  if (origin === env().PUBLIC_URL) return true;
  const nearest = normalizeIp(forwardedHops(headers.get("x-forwarded-for")).pop());
  const forwardedHost = isTrustedProxy(nearest, trusted) ? headers.get("x-forwarded-host") : null;
  const host = forwardedHost ?? headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

// Whitespace and control characters have no place in a path we link to: browsers strip tab,
// CR and LF (so `/\t/evil.example` is `//evil.example` to them) and CR/LF breaks a header.
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f-\u009f\\]/;
const MAX_RETURN_PATH = 512;

/**
 * Only paths on our own site are followed after login: the value is resolved against our
 * origin as a browser would resolve it, and anything that lands elsewhere (`//evil.example`,
 * `/\t/evil.example`, `https://…`) or is not a plain path gives `fallback`. The answer is the
 * resolved, percent-encoded path, so it is also safe to put in a Location header. It is checked
 * again once resolved: dot segments (`/.//evil.example`, `/%2e//evil.example`) resolve to
 * `//evil.example`, which the browser reading the answer takes for another host.
 */
export function safeReturnPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || value.length > MAX_RETURN_PATH || !isOwnPath(value)) return fallback;
  const path = pathOf(new URL(value, env().PUBLIC_URL));
  return isOwnPath(path) && pathOf(new URL(path, env().PUBLIC_URL)) === path ? path : fallback;
}

/** One leading slash, no unsafe character, and resolved against our origin it stays there. */
function isOwnPath(value: string): boolean {
  if (!value.startsWith("/") || value.startsWith("//") || UNSAFE_CHARACTERS.test(value)) return false;
  const origin = env().PUBLIC_URL;
  return URL.canParse(value, origin) && new URL(value, origin).origin === new URL(origin).origin;
}

const pathOf = (url: URL) => `${url.pathname}${url.search}${url.hash}`;

/** The path of the page a same-site form was posted from (its Referer), for sending the browser back. */
export function refererPath(referer: string | null, fallback: string): string {
  if (!referer) return fallback;
  try {
    const url = new URL(referer);
    return safeReturnPath(`${url.pathname}${url.search}`, fallback);
  } catch {
    return fallback;
  }
}
