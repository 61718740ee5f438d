/**
 * `npm start` / `npm run dev`: everything a fresh clone needs to serve EXQRESS.
 * Starts PostgreSQL and Redis when their URLs are unset, fills local secrets,
 * validates the configuration, migrates, seeds demo data on an empty database,
 * builds when the build is missing or stale, then runs Next.js's own server
 * (`next start`, or `next dev`) until Ctrl-C. Nothing of ours answers HTTP in front of it.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { runMigrations } from "@/db/migrate";
import { seedDemoDataIfEmpty, DEMO_LOGINS } from "@/scripts/seed";
import { EnvError, parseEnv, type Env } from "@/lib/config/env";
import { buildIsCurrent, sourceHash, writeBuildStamp } from "./build-stamp";
import { StartRefused } from "./services/embedded-postgres";
import { localSecrets, localSmsProvider } from "./services/local-secrets";
import { resolveServices } from "./services/resolve";
import { spawnNext } from "./services/next-server";
import { ServiceStack, stopChild } from "./services/service-stack";

const dev = process.argv.includes("--dev");
const dataDir = path.resolve(".data");
const nextBin = require.resolve("next/dist/bin/next");
const log = (line: string) => console.log(`[exqress] ${line}`);

function run(bin: string, args: string[], environment: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve) => {
    spawn(process.execPath, [bin, ...args], { env: environment, stdio: "inherit" }).on("exit", resolve);
  });
}

async function buildIfStale(environment: NodeJS.ProcessEnv): Promise<void> {
  if (buildIsCurrent()) return log("Build is up to date.");
  const hash = sourceHash();
  log("Building (the build is missing or older than the sources)...");
  const code = await run(nextBin, ["build"], environment);
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
  // Then the service worker (Serwist's configurator mode, see serwist.config.mjs). Resolved only
  // here: a deployment with a current build needs no build tools. NO_UPDATE_NOTIFIER: the CLI
  // would otherwise ask the npm registry for a newer version of itself.
  const serwistBin = path.join(path.dirname(require.resolve("@serwist/cli/package.json")), "dist", "bin.mjs");
  const sw = await run(serwistBin, ["build", "serwist.config.mjs"], { ...environment, NO_UPDATE_NOTIFIER: "1" });
  if (sw !== 0) throw new Error(`serwist build failed with exit code ${sw}`);
  writeBuildStamp(hash);
}

/** Demo data only on an empty database, and never in production unless SEED_DEMO=true asks for it. */
async function maybeSeed(config: Env, userNodeEnv: string | undefined): Promise<boolean> {
  if (userNodeEnv === "production" && process.env.SEED_DEMO !== "true") return false;
  return seedDemoDataIfEmpty(config);
}

function printWelcome(config: Env, seeded: boolean): void {
  log(`EXQRESS is running at ${config.PUBLIC_URL}`);
  if (!seeded) return;
  log("Demo data seeded. Log in with:");
  for (const { who, login, password } of DEMO_LOGINS) log(`  ${who.padEnd(28)} ${login.padEnd(24)} ${password}`);
  log("  carrier API key              exq_demo_key");
}

async function main(): Promise<void> {
  const stack = new ServiceStack(log);
  const userNodeEnv = process.env.NODE_ENV;
  const environment: NodeJS.ProcessEnv = { ...process.env };
  Object.assign(environment, await resolveServices(environment, { dataDir, persistent: true, stack, log }));
  Object.assign(environment, localSecrets(dataDir, environment));
  Object.assign(environment, localSmsProvider(environment));
  const config = parseEnv({ ...environment, NODE_ENV: dev ? "development" : "production" });
  // next-auth builds its own URLs (callbacks, /api/auth/providers) from NEXTAUTH_URL.
  environment.NEXTAUTH_URL ??= config.PUBLIC_URL;
  await runMigrations(config.DATABASE_URL);
  const seeded = await maybeSeed(config, userNodeEnv);
  if (!dev) await buildIfStale(environment);
  const app = spawnNext(dev ? "dev" : "start", config.PORT, environment);
  stack.push("Next.js", () => stopChild(app));
  app.once("spawn", () => printWelcome(config, seeded));
  app.once("exit", (code) => void stack.stopAll().then(() => process.exit(code ?? 0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError || error instanceof StartRefused ? error.message : error);
  // The exit hook stops whatever did start before the failure.
  process.exit(1);
});
