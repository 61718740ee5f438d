import { BlockList, isIP } from "node:net";
import { lookup } from "node:dns/promises";

/**
 * Where a webhook may be sent. Without WEBHOOK_ALLOW_PRIVATE, only https to addresses on the
 * public internet: a carrier's URL must not make our servers reach the metadata service, the
 * database or anything else inside our network (SSRF). The check is on the addresses the name
 * RESOLVES to (every one of them), and the delivery connects to the address checked, so a name
 * that answers differently the next time (DNS rebinding) cannot move it inside.
 */
export type TargetCheck = { ok: true; url: URL; address: string; family: 4 | 6 } | { ok: false; reason: string };

const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 96], // unspecified, loopback, IPv4-compatible
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed by some)
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(net, bits, "ipv6");

/** An IPv6 address that carries an IPv4 one (::ffff:a.b.c.d, NAT64 64:ff9b::/96): that IPv4 address. */
function embeddedIpv4(address: string): string | null {
  const match = /^(?:::ffff:|64:ff9b::)(?:([\d.]+)|([\da-f]{1,4}):([\da-f]{1,4}))$/i.exec(address);
  if (!match) return null;
  if (match[1]) return isIP(match[1]) === 4 ? match[1] : null;
  const high = parseInt(match[2]!, 16);
  const low = parseInt(match[3]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** True for an address a webhook may not reach without WEBHOOK_ALLOW_PRIVATE. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true;
  const v4 = embeddedIpv4(address.toLowerCase());
  if (v4) return blocked.check(v4, "ipv4");
  // Any other ::ffff:0:0/96 form BlockList cannot read is refused, not guessed at.
  if (/^::ffff:/i.test(address)) return true;
  return blocked.check(address, "ipv6");
}

/** The URL's own rules, before any lookup: https (http only with allowPrivate), no credentials. */
export function parseTargetUrl(
  raw: string,
  allowPrivate: boolean,
): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "must be an absolute URL" };
  }
  const schemes = allowPrivate ? ["https:", "http:"] : ["https:"];
  if (!schemes.includes(url.protocol)) return { ok: false, reason: "must start with https://" };
  if (url.username || url.password) return { ok: false, reason: "must not hold a user name or password" };
  if (!url.hostname) return { ok: false, reason: "must name a host" };
  return { ok: true, url };
}

/** The addresses a host stands for: itself when it is an address, else every address DNS gives. */
async function addressesOf(hostname: string): Promise<{ address: string; family: number }[]> {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(bare)) return [{ address: bare, family: isIP(bare) }];
  return lookup(bare, { all: true, verbatim: true });
}

/** Checks a webhook URL and the addresses it resolves to now; the delivery connects to `address`. */
export async function checkTarget(raw: string, allowPrivate: boolean): Promise<TargetCheck> {
  const parsed = parseTargetUrl(raw, allowPrivate);
  if (!parsed.ok) return parsed;
  let addresses: { address: string; family: number }[];
  try {
    addresses = await addressesOf(parsed.url.hostname);
  } catch {
    return { ok: false, reason: "has a host name that does not resolve" };
  }
  const first = addresses[0];
  if (!first) return { ok: false, reason: "has a host name that does not resolve" };
  if (!allowPrivate && addresses.some(({ address }) => isPrivateAddress(address))) {
    return { ok: false, reason: "points to a private, loopback or link-local address" };
  }
  return { ok: true, url: parsed.url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
