import { freePort } from "./free-port";
import { startNextServer, type NextServer } from "./next-server";
import { startNginx, type RunningNginx } from "./nginx";

export type Cluster = {
  url: string;
  ca: string;
  replicas: NextServer[];
  nginx: RunningNginx;
  /** Starts replica `index` again on its port, once its process has ended (a crash or a kill). */
  restartReplica: (index: number) => Promise<NextServer>;
  stop: () => Promise<void>;
};

/**
 * `count` production replicas (`next start` each, on its own loopback port, sharing the
 * PostgreSQL and Redis of `env`) behind deploy/nginx/nginx.conf with a self-signed TLS
 * certificate. PUBLIC_URL is the nginx address, so links and origin checks name the edge, and
 * nginx is the replicas' one trusted proxy.
 */
export async function startCluster(
  env: NodeJS.ProcessEnv,
  options: { count?: number; capture?: boolean; accessLog?: boolean } = {},
): Promise<Cluster> {
  const count = options.count ?? 2;
  const edgePort = await freePort();
  const url = `https://127.0.0.1:${edgePort}`;
  // nginx reaches the replicas from 127.0.0.1 and replaces X-Forwarded-For with the address it saw;
  // trusting it is what gives each client its own per-IP limits.
  const shared = { ...env, PUBLIC_URL: url, NEXTAUTH_URL: url, TRUSTED_PROXIES: "127.0.0.1" };
  const replicas = await Promise.all(
    Array.from({ length: count }, () => startNextServer({ env: shared, capture: options.capture })),
  );
  let nginx: RunningNginx;
  try {
    nginx = await startNginx(
      replicas.map((replica) => `127.0.0.1:${replica.port}`),
      { port: edgePort, accessLog: options.accessLog },
    );
  } catch (error) {
    await Promise.all(replicas.map((replica) => replica.stop()));
    throw error;
  }
  const restartReplica = async (index: number) => {
    const old = replicas[index];
    if (!old) throw new Error(`the cluster has no replica ${index}`);
    if (old.child.exitCode === null && old.child.signalCode === null) {
      await new Promise((resolve) => old.child.once("exit", resolve));
    }
    const replica = await startNextServer({ env: shared, port: old.port, capture: options.capture });
    replicas[index] = replica;
    return replica;
  };
  return {
    url,
    ca: nginx.ca,
    replicas,
    nginx,
    restartReplica,
    stop: async () => {
      await nginx.stop();
      await Promise.all(replicas.map((replica) => replica.stop()));
    },
  };
}
