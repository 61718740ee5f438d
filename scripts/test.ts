/**
 * `npm test`: every test, in order — unit and integration (Vitest), then
 * end-to-end (Playwright on Chromium against a production build). PostgreSQL and
 * Redis are resolved like the app's (the URLs when set, else an embedded
 * PostgreSQL and a private redis-server in a temporary folder); each run gets
 * its own databases and Redis key prefix, so runs never see each other's data.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runMigrations } from "@/db/migrate";
import webpush from "web-push";
import { generatePiiKeys } from "@/lib/privacy/pii-crypto";
import { freePort } from "./services/free-port";
import { resolveServices } from "./services/resolve";
import { createScratchDatabase } from "./services/scratch-database";
import { ServiceStack } from "./services/service-stack";
import { deleteKeys } from "./services/redis-keys";

const log = (line: string) => console.log(`[test] ${line}`);

function run(command: string, args: string[], environment: NodeJS.ProcessEnv): Promise<number> {
  log(`$ ${command} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: environment, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function prepare(stack: ServiceStack): Promise<{ unit: NodeJS.ProcessEnv; e2e: NodeJS.ProcessEnv }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "exqress-test-"));
  fs.chmodSync(tmp, 0o755); // the embedded server runs as the postgres user and must reach its folder
  stack.push("temporary folder", async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const services = await resolveServices(process.env, { dataDir: tmp, persistent: false, stack, log });
  const prefix = `exq:test:${randomBytes(4).toString("hex")}:`;
  stack.push("test Redis keys", () => deleteKeys(services.REDIS_URL, prefix));
  const [unitDb, e2eDb] = await Promise.all([
    createScratchDatabase(services.DATABASE_URL, "unit"),
    createScratchDatabase(services.DATABASE_URL, "e2e"),
  ]);
  stack.push("test databases", async () => void (await Promise.all([unitDb.drop(), e2eDb.drop()])));
  await runMigrations(unitDb.url);
  const vapid = webpush.generateVAPIDKeys();
  const shared = {
    ...process.env,
    REDIS_URL: services.REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    AUTH_SECRET: randomBytes(48).toString("base64url"),
    PII_KEYS: generatePiiKeys(),
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: "mailto:push@exqress.test",
    // Server-side URL of the test server's database, for tests that create scratch databases.
    TEST_POSTGRES_SERVER_URL: services.DATABASE_URL,
  };
  const port = String(await freePort());
  return {
    unit: { ...shared, DATABASE_URL: unitDb.url },
    e2e: {
      ...shared,
      DATABASE_URL: e2eDb.url,
      PORT: port,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // Every end-to-end request comes from 127.0.0.1, and the authorisation sweep alone sends
      // hundreds of bad keys: one address's guessing budget would refuse the suites after it.
      // The limit itself is tested against real Redis in tests/integration/hardening.
      API_KEY_LOOKUP_LIMIT: "1000000",
      // Servers the specs start themselves run `next start` (NODE_ENV=production) like the
      // launcher's; the sign-up specs read the codes from .data/outbox.log.
      SMS_PROVIDER: "outbox",
    },
  };
}

/**
 * `npm test -- unit [vitest args]` or `npm test -- e2e [playwright args]` runs one suite
 * (for example a few files) with the same services; no arguments run both.
 */
function suiteSelection(argv: string[]): { suite: "unit" | "e2e" | "both"; args: string[] } {
  const [first, ...rest] = argv;
  if (first === "unit" || first === "e2e") return { suite: first, args: rest };
  if (first !== undefined) throw new Error(`npm test takes "unit" or "e2e" and that suite's arguments, not "${first}"`);
  return { suite: "both", args: [] };
}

async function main(): Promise<number> {
  const stack = new ServiceStack(log);
  try {
    const env = await prepare(stack);
    const bin = (name: string) => path.join("node_modules", ".bin", name);
    const only = suiteSelection(process.argv.slice(2));
    // Both suites run even when the first fails, so one CI run shows every failure.
    const unit = only.suite === "e2e" ? 0 : await run(bin("vitest"), ["run", ...only.args], env.unit);
    const e2e = only.suite === "unit" ? 0 : await run(bin("playwright"), ["test", ...only.args], env.e2e);
    log(`unit+integration: ${unit === 0 ? "passed" : "FAILED"}, end-to-end: ${e2e === 0 ? "passed" : "FAILED"}`);
    return unit || e2e;
  } finally {
    await stack.stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
