import { spawnSync } from "node:child_process";
import { runMigrations } from "@/db/migrate";
import { parseEnv } from "@/lib/config/env";
import { seedDemoDataIfEmpty } from "@/scripts/seed";
import { buildIsCurrent, sourceHash, writeBuildStamp } from "../build-stamp";
import { startCluster, type Cluster } from "./cluster";
import { localSecrets, localSmsProvider } from "./local-secrets";
import { resolveServices, type ServiceRestarts } from "./resolve";
import type { ServiceStack } from "./service-stack";

function buildIfStale(environment: NodeJS.ProcessEnv, log: (line: string) => void): void {
  if (buildIsCurrent()) return log("Build is up to date.");
  const hash = sourceHash();
  log("Building (the build is missing or older than the sources)...");
  const built = spawnSync("npm", ["run", "build"], { env: environment, stdio: "inherit" });
  if (built.status !== 0) throw new Error(`npm run build failed with exit code ${built.status}`);
  writeBuildStamp(hash);
}

export type LaunchedCluster = {
  cluster: Cluster;
  /** The replicas' environment (services, secrets), without the edge's PUBLIC_URL. */
  environment: NodeJS.ProcessEnv;
  restarts: ServiceRestarts;
};

/**
 * What `npm run start:cluster` does, for it and for benchmarks that play traffic through the
 * same topology: services (PostgreSQL, Redis) with their data in `dataDir`, local secrets,
 * migrations, demo data, the build, then `count` replicas behind nginx. Everything started is
 * pushed onto `stack`.
 */
export async function launchCluster(options: {
  environment: NodeJS.ProcessEnv;
  dataDir: string;
  stack: ServiceStack;
  log: (line: string) => void;
  count: number;
  capture?: boolean;
}): Promise<LaunchedCluster> {
  const { dataDir, stack, log } = options;
  const environment: NodeJS.ProcessEnv = { ...options.environment };
  const restarts: ServiceRestarts = {};
  Object.assign(environment, await resolveServices(environment, { dataDir, persistent: true, stack, log, restarts }));
  Object.assign(environment, localSecrets(dataDir, environment));
  Object.assign(environment, localSmsProvider(environment));
  const config = parseEnv({ ...environment, NODE_ENV: "production" });
  await runMigrations(config.DATABASE_URL);
  if (environment.NODE_ENV !== "production" || environment.SEED_DEMO === "true") await seedDemoDataIfEmpty(config);
  buildIfStale(environment, log);
  const cluster = await startCluster(environment, { count: options.count, accessLog: true, capture: options.capture });
  stack.push("cluster", cluster.stop);
  return { cluster, environment, restarts };
}
