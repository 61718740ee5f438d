import { BlockList, isIP } from "node:net";

/**
 * Who the client is, from a chain of hops: X-Forwarded-For's entries followed by the socket's
 * peer (the forwarding edge puts that last). The chain is read from the right: a hop that is one
 * of our own proxies (TRUSTED_PROXIES) passed the request on, so the entry before it is the one
 * it saw; the first hop that is not ours is the client. Whatever a client wrote further left is
 * its own claim and never read.
 */

/** An IP address in canonical text, or null for anything else (`10.7.7.18864`, ports, names). */
export function normalizeIp(value: string | null | undefined): string | null {
  const text = value?.trim().toLowerCase() ?? "";
  // A dual-stack socket reports IPv4 peers as IPv4-mapped IPv6.
  const unmapped = text.startsWith("::ffff:") && isIP(text.slice(7)) === 4 ? text.slice(7) : text;
  return isIP(unmapped) ? unmapped : null;
}

const lists = new WeakMap<readonly string[], BlockList>();

function blockList(trusted: readonly string[]): BlockList {
  let list = lists.get(trusted);
  if (!list) {
    list = new BlockList();
    for (const entry of trusted) {
      const [address = "", prefix] = entry.split("/");
      const family = isIP(address) === 6 ? "ipv6" : "ipv4";
      if (prefix === undefined) list.addAddress(address, family);
      else list.addSubnet(address, Number(prefix), family);
    }
    lists.set(trusted, list);
  }
  return list;
}

export function isTrustedProxy(ip: string | null, trusted: readonly string[]): boolean {
  if (ip === null || trusted.length === 0) return false;
  return blockList(trusted).check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
}

/** The hops of an X-Forwarded-For value, in order (the nearest last). */
export function forwardedHops(value: string | null | undefined): string[] {
  return value ? value.split(",").map((hop) => hop.trim()) : [];
}

/**
 * The client's address. An entry that is not an address stops the walk: the hop after it (our
 * proxy, which wrote it) is then the best we know. Null when the nearest hop is not an address.
 */
export function clientAddress(hops: readonly string[], trusted: readonly string[]): string | null {
  let nearest: string | null = null;
  for (let i = hops.length - 1; i >= 0; i--) {
    const ip = normalizeIp(hops[i]);
    if (ip === null) return nearest;
    nearest = ip;
    if (!isTrustedProxy(ip, trusted)) return ip;
  }
  return nearest;
}
