import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether a scrape may read the metrics: anyone when no token is configured, otherwise only
 * `Authorization: Bearer <token>`, compared in constant time (hashes have equal lengths).
 */
export function mayReadMetrics(authorization: string | null, token: string | undefined): boolean {
  if (!token) return true;
  const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token));
}
