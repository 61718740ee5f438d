/**
 * `npm run start:cluster`: two production replicas (`next start`) on two loopback ports
 * behind nginx (deploy/nginx/nginx.conf) with TLS and HTTP/2, sharing one PostgreSQL and
 * one Redis, prepared as `npm start` prepares one: services, secrets, migrations, demo data,
 * build. For tests and benchmarks of the multi-replica path on one machine.
 */
import path from "node:path";
import { EnvError } from "@/lib/config/env";
import { launchCluster } from "./services/cluster-launch";
import { StartRefused } from "./services/embedded-postgres";
import { ServiceStack } from "./services/service-stack";

const log = (line: string) => console.log(`[cluster] ${line}`);
const count = Number(process.env.CLUSTER_REPLICAS ?? 2);

async function main(): Promise<void> {
  const stack = new ServiceStack(log);
  const dataDir = path.resolve(".data");
  const { cluster } = await launchCluster({ environment: process.env, dataDir, stack, log, count });
  log(`EXQRESS runs at ${cluster.url} (self-signed certificate) on ${count} replicas:`);
  for (const replica of cluster.replicas) log(`  ${replica.url} (pid ${replica.child.pid})`);
  // A replica that dies stays dead: this is a test bed, and nginx sends its traffic to the others.
  for (const replica of cluster.replicas)
    replica.child.once("exit", (code, signal) => log(`${replica.url} exited (${code ?? signal})`));
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError || error instanceof StartRefused ? error.message : error);
  process.exit(1);
});
