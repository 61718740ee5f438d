import { isIP } from "node:net";

/** `192.0.2.1`, `2001:db8::1`, `10.0.0.0/8` or `2001:db8::/32`: what TRUSTED_PROXIES may list. */
export function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}
