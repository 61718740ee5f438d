/**
 * `npm run bench:pilot [-- --scale 0.1] [--faults replica,redis,postgres] [--json file]`: a
 * compressed pilot day played through the shipped topology (`npm run start:cluster`'s code path:
 * nginx with TLS in front of two production replicas, one PostgreSQL, one Redis), every simulated
 * person from their own loopback address. A carrier imports 5,000 parcels and prints their labels;
 * 20 couriers deliver them (two offline for a stretch, one whose session is ended mid-queue); 500
 * recipients log in and look; strangers scan, finders report; an abuser guesses codes and
 * passwords all day; a replica is killed, Redis and PostgreSQL restart. Then it checks that no
 * acknowledged update was lost or doubled, that 5xx stayed inside the outages, that only the
 * abuser met 429, and that no personal data reached the logs or metrics, and prints per-action
 * latency and answers per app CPU-second.
 *
 * Exit codes: 0 every invariant held, 2 one did not, 1 the pilot itself failed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { launchCluster } from "../services/cluster-launch";
import { ServiceStack } from "../services/service-stack";
import { answerChecks, eventChecks, privacyCheck } from "./pilot/checks";
import { playDay } from "./pilot/day";
import { AppCpu, FAULTS, type Fault } from "./pilot/faults";
import { openBackoffice } from "./pilot/people";
import { measureFootprint, printFootprint } from "./pilot/footprint";
import { Recorder } from "./pilot/record";
import { printLatencies, summarize } from "./pilot/summary";
import { buildWorld } from "./pilot/world";
import { printChecks, type Check } from "./report";

const log = (line: string) => console.log(`[pilot] ${line}`);

function options() {
  const { values } = parseArgs({
    options: {
      scale: { type: "string", default: process.env.PILOT_SCALE ?? "1" },
      faults: { type: "string", default: FAULTS.join(",") },
      json: { type: "string" },
      logs: { type: "string" },
    },
  });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 10))
    throw new Error(`--scale takes a number above 0 and at most 10, not ${values.scale}`);
  const faults = values.faults.split(",").filter(Boolean) as Fault[];
  const unknown = faults.filter((fault) => !FAULTS.includes(fault));
  if (unknown.length) throw new Error(`unknown faults: ${unknown.join(", ")} (known: ${FAULTS.join(", ")})`);
  return { scale, faults, json: values.json, logs: values.logs };
}

/** The pilot's own PostgreSQL and Redis (it restarts them), its secrets and data in a temporary folder. */
function clusterEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    SEED_DEMO: "true",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  for (const name of ["DATABASE_URL", "REDIS_URL", "REDIS_CLUSTER_NODES", "NODE_ENV"]) delete environment[name];
  return environment;
}

async function main(stack: ServiceStack): Promise<number> {
  const { scale, faults, json, logs } = options();
  const world = buildWorld(scale);
  log(`scale ${scale}: ${JSON.stringify(world.counts)}; faults: ${faults.join(", ") || "none"}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "exqress-pilot-"));
  fs.chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as the postgres user and must reach it
  stack.push("temporary folder", async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const launched = await launchCluster({
    environment: clusterEnvironment(),
    dataDir,
    stack,
    log,
    count: 2,
    capture: true,
  });
  const { cluster } = launched;
  log(`the cluster runs at ${cluster.url}`);
  const office = await openBackoffice(launched.environment);
  stack.push("pilot connections", office.close);
  const recorder = new Recorder();
  const cpu = new AppCpu(cluster);
  const replicasSeen = [...cluster.replicas];
  const started = Date.now();
  const day = await playDay({ world, launched, office, recorder, cpu, faults, log });
  const appCpuSeconds = cpu.total();
  const seconds = (Date.now() - started) / 1000;
  const metrics = await Promise.all(
    cluster.replicas.map((replica) => fetch(`${replica.url}/api/metrics`).then((answer) => answer.text())),
  );
  for (const replica of cluster.replicas) if (!replicasSeen.includes(replica)) replicasSeen.push(replica);
  const captured = [
    ...replicasSeen.map((replica, i) => ({ label: `replica ${i + 1} output`, text: replica.output() })),
    { label: "nginx access log", text: cluster.nginx.accessLog() },
    ...metrics.map((text, i) => ({ label: `replica ${i + 1} /api/metrics`, text })),
  ];
  if (logs) saveCaptures(logs, captured);
  const summary = summarize(recorder, appCpuSeconds, seconds);
  printLatencies(summary, day, recorder);
  await office.db.execute(sql`analyze`);
  const footprint = await measureFootprint(office);
  printFootprint(footprint, world.counts.parcels);
  const checks: Check[] = [
    {
      target: "the carrier's import: every row imported, every labels part a PDF",
      met: day.imported === world.counts.parcels && day.labelParts === Math.ceil(world.counts.parcels / 1_000),
      detail: `${day.imported} of ${world.counts.parcels} imported, ${day.labelParts} part(s), ${day.assigned} assigned`,
    },
    ...(await eventChecks(office, day)),
    ...answerChecks(recorder),
    privacyCheck(world, captured),
  ];
  const allMet = printChecks(checks);
  if (json)
    fs.writeFileSync(
      json,
      JSON.stringify({ scale, counts: world.counts, faults, checks, ...summary, footprint }, null, 2),
    );
  return allMet ? 0 : 2;
}

/** `--logs DIR`: what was captured, one file a source, to read after the run (it holds no personal data). */
function saveCaptures(dir: string, captured: { label: string; text: string }[]): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const { label, text } of captured)
    fs.writeFileSync(path.join(dir, `${label.replace(/[^a-z0-9]+/gi, "-")}.log`), text);
}

const stack = new ServiceStack(log);
async function fail(error: unknown): Promise<never> {
  console.error(`[pilot] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await stack.stopAll();
  process.exit(1);
}
// Whatever escapes still stops the cluster, PostgreSQL and Redis this run started.
process.on("unhandledRejection", (error) => void fail(error));
main(stack).then(async (code) => {
  await stack.stopAll();
  process.exit(code);
}, fail);
