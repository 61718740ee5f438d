/**
 * `npm run start:cluster`: two production replicas (`next start`) on two loopback ports
 * behind nginx (deploy/nginx/nginx.conf) with TLS and HTTP/2, sharing one PostgreSQL and
 * one Redis, prepared as `npm start` prepares one: services, secrets, migrations, demo data,
 * build. For tests and benchmarks of the multi-replica path on one machine.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { runMigrations } from "@/db/migrate";
import { seedDemoDataIfEmpty } from "@/scripts/seed";
import { EnvError, parseEnv } from "@/lib/config/env";
import { buildIsCurrent, sourceHash, writeBuildStamp } from "./build-stamp";
import { startCluster } from "./services/cluster";
import { StartRefused } from "./services/embedded-postgres";
import { localSecrets, localSmsProvider } from "./services/local-secrets";
import { resolveServices } from "./services/resolve";
import { ServiceStack } from "./services/service-stack";

const log = (line: string) => console.log(`[cluster] ${line}`);
const count = Number(process.env.CLUSTER_REPLICAS ?? 2);

function buildIfStale(environment: NodeJS.ProcessEnv): void {
  if (buildIsCurrent()) return log("Build is up to date.");
  const hash = sourceHash();
  log("Building (the build is missing or older than the sources)...");
  const built = spawnSync("npm", ["run", "build"], { env: environment, stdio: "inherit" });
  if (built.status !== 0) throw new Error(`npm run build failed with exit code ${built.status}`);
  writeBuildStamp(hash);
}

async function main(): Promise<void> {
  const stack = new ServiceStack(log);
  const dataDir = path.resolve(".data");
  const environment: NodeJS.ProcessEnv = { ...process.env };
  Object.assign(environment, await resolveServices(environment, { dataDir, persistent: true, stack, log }));
  Object.assign(environment, localSecrets(dataDir, environment));
  Object.assign(environment, localSmsProvider(environment));
  const config = parseEnv({ ...environment, NODE_ENV: "production" });
  await runMigrations(config.DATABASE_URL);
  if (process.env.NODE_ENV !== "production" || process.env.SEED_DEMO === "true") await seedDemoDataIfEmpty(config);
  buildIfStale(environment);
  const cluster = await startCluster(environment, { count, accessLog: true });
  stack.push("cluster", cluster.stop);
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
