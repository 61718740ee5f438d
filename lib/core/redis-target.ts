/**
 * Where Redis is: one server (`redis://`, `rediss://`) or a Redis Cluster, given as
 * `redis+cluster://[user:password@]host:port,host:port` (`rediss+cluster://` for TLS). The
 * cluster form lists startup nodes only; the client learns the rest of the cluster from them.
 * WHATWG URLs cannot hold several hosts, so the cluster form is parsed here.
 */
export type ClusterNode = { host: string; port: number };
export type RedisTarget =
  | { kind: "server"; url: string }
  | { kind: "cluster"; nodes: ClusterNode[]; username?: string; password?: string; tls: boolean };

const CLUSTER_URL = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#@]+)\/?$/;
const NODE = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** `host:port,host:port` (IPv6 hosts in brackets), or null when any entry is not one. */
export function parseClusterNodes(list: string): ClusterNode[] | null {
  const entries = list
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const nodes = entries.map((entry) => {
    const match = NODE.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65_535) return null;
    return { host: match[1]!.replace(/^\[|\]$/g, ""), port };
  });
  if (nodes.length === 0 || nodes.some((node) => node === null)) return null;
  return nodes as ClusterNode[];
}

function credentials(userInfo: string | undefined): { username?: string; password?: string } {
  if (!userInfo) return {};
  const [user = "", ...rest] = userInfo.split(":");
  const password = rest.length > 0 ? decodeURIComponent(rest.join(":")) : undefined;
  return { ...(user ? { username: decodeURIComponent(user) } : {}), ...(password ? { password } : {}) };
}

/** The target a URL names, or null when it is neither a server URL nor a cluster URL. */
export function parseRedisTarget(url: string): RedisTarget | null {
  const cluster = CLUSTER_URL.exec(url.trim());
  if (cluster) {
    const nodes = parseClusterNodes(cluster[3]!);
    return nodes && { kind: "cluster", nodes, ...credentials(cluster[2]), tls: cluster[1] === "rediss" };
  }
  try {
    return ["redis:", "rediss:"].includes(new URL(url).protocol) ? { kind: "server", url } : null;
  } catch {
    return null;
  }
}

/** The cluster URL for a REDIS_CLUSTER_NODES list (`host:port,host:port`). */
export const clusterUrl = (nodes: string) => `redis+cluster://${nodes.replace(/\s+/g, "")}`;
