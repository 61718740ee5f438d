import { isIP } from "node:net";

/**
 * The push services a subscription may point at (PUSH_SERVICE_HOSTS): `host` or `host:port`;
 * `*.example.com` stands for every name under example.com (Windows gives each device its own
 * host under notify.windows.com), never example.com itself. Without a port only 443 matches.
 */
export type PushHost = { host: string; port: number; wildcard: boolean };

export const DEFAULT_PUSH_SERVICE_HOSTS =
  "fcm.googleapis.com,updates.push.services.mozilla.com,*.notify.windows.com,web.push.apple.com";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function parseEntry(entry: string): PushHost | null {
  const match = /^(\*\.)?([^:*]+)(?::(\d{1,5}))?$/.exec(entry.toLowerCase());
  if (!match) return null;
  const [, star, host = "", port] = match;
  const isName = host.split(".").every((label) => LABEL.test(label)) && host.includes(".");
  if (!isName && (star || isIP(host) !== 4)) return null;
  const number = port === undefined ? 443 : Number(port);
  if (number < 1 || number > 65535) return null;
  return { host, port: number, wildcard: Boolean(star) };
}

/** The entries of a comma-separated list, or the entries that are not valid (as `bad`). */
export function parsePushHosts(value: string): { hosts: PushHost[]; bad: string[] } {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const hosts: PushHost[] = [];
  const bad: string[] = [];
  for (const entry of entries) {
    const host = parseEntry(entry);
    if (host) hosts.push(host);
    else bad.push(entry);
  }
  return { hosts, bad };
}

const LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * Whether a subscription's endpoint may be sent to: https on a listed host and port, or plain
 * http on a listed loopback address (a test's receiver). Anything else would let a user make
 * the server post to an address of their choosing.
 */
export function isAllowedEndpoint(endpoint: string, hosts: readonly PushHost[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  const secure = url.protocol === "https:";
  if (!secure && !(url.protocol === "http:" && LOOPBACK.test(host))) return false;
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  return hosts.some(
    (allowed) =>
      allowed.port === port && (allowed.wildcard ? host.endsWith(`.${allowed.host}`) : host === allowed.host),
  );
}
