/**
 * `npm run bench:admin`: seeds 1,000,000 parcels for one carrier (through registerParcels, the
 * binary COPY path every registration takes) into a scratch database, then times the console's
 * parcel-list query (lib/admin/parcel-list.ts, the whole of the list page's database work)
 * in-process: the first page, a deep page (reached by following the keyset cursor), and
 * filtered searches. Prints p50/p95 per case. Run with the react-server condition
 * (package.json does) because lib/admin is server-only.
 *
 * Then writes BENCH_AUDIT_ROWS (100,000) audit rows and times their CSV export (time, peak RSS)
 * and "verify log" (scripts/bench/audit-steps.ts).
 *
 * BENCH_PARCELS overrides the count (e.g. 100000 for a quick run).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { runMigrations } from "@/db/migrate";
import { generatePiiKeys } from "@/lib/privacy/pii-crypto";
import { resolveServices } from "../services/resolve";
import { createScratchDatabase } from "../services/scratch-database";
import { ServiceStack } from "../services/service-stack";
import { parcelJson } from "./fixtures";

const TOTAL = Number(process.env.BENCH_PARCELS ?? 1_000_000);
const BATCH = 10_000;
const AUDIT_ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 100_000);
const RUNS = 40;
const DEEP_PAGES = 200;
const log = (line: string) => console.log(`[bench] ${line}`);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function time(label: string, run: () => Promise<unknown>): Promise<void> {
  await run(); // warm: plans and pages in cache, as on a server that has been up a while
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(`${label.padEnd(44)} p50 ${fmt(percentile(samples, 0.5))}  p95 ${fmt(percentile(samples, 0.95))}`);
}

async function main(): Promise<void> {
  const stack = new ServiceStack(log);
  try {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "exqress-bench-admin-"));
    fs.chmodSync(tmp, 0o755);
    stack.push("temporary folder", async () => fs.rmSync(tmp, { recursive: true, force: true }));
    const services = await resolveServices(process.env, { dataDir: tmp, persistent: false, stack, log });
    const database = await createScratchDatabase(services.DATABASE_URL, "bench_admin");
    stack.push("scratch database", database.drop);
    await runMigrations(database.url);
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      REDIS_URL: services.REDIS_URL,
      AUTH_SECRET: randomBytes(48).toString("base64url"),
      PII_KEYS: generatePiiKeys(),
    });
    // Imported after the environment is set: the database client reads it once.
    const { seed, measure } = await import("./admin-steps");
    const seeded = await seed(TOTAL, BATCH, parcelJson, log);
    await measure(seeded, { deepPages: DEEP_PAGES, time });
    const { measureAudit } = await import("./audit-steps");
    await measureAudit(seeded.carrierId, seeded.courierId, AUDIT_ROWS);
  } finally {
    await stack.stopAll();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
