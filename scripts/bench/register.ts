/**
 * `npm run bench:register`: POST /api/v1/parcels/batch with 10,000 parcels per
 * request, end to end (validation, phone hashing, AES-GCM encryption, masking,
 * SQL inserts in one transaction, the 10,000 codes back): 5 batches one after
 * another, then 2 at once. Target: ≥ 20,000 parcels/s overall.
 */
import { sql } from "drizzle-orm";
import { connect } from "@/db/client";
import { DEMO_API_KEY, postBatch, registerParcels } from "./fixtures";
import { runBench } from "./harness";
import { cpuLine, quietly, startMonitor, type MonitorReport } from "./monitor";
import { fmt, ms, printSetup, printTable, section, type Check } from "./report";
import { BATCH, batchBody, inProcessMs, median, rejectedAtMs, timedPost, type Timed } from "./register-steps";

const SEQUENTIAL = 5;
const PARALLEL = 2;
const TARGET_PER_SECOND = 20_000;

type Run = { label: string; parcels: number; timed: Pick<Timed, "buildMs" | "ttfbMs" | "totalMs">; cpu: MonitorReport };

async function sequentialRun(server: { baseUrl: string; redisUrl: string }, index: number): Promise<Run> {
  const { body, buildMs } = batchBody("valid");
  const monitor = await startMonitor(server.redisUrl);
  const timed = await timedPost(server.baseUrl, body, buildMs);
  const cpu = await monitor.stop();
  if (timed.status !== 201) throw new Error(`a batch of ${BATCH} answered ${timed.status}`);
  return { label: `sequential ${index}`, parcels: BATCH, timed, cpu };
}

/** Bodies first, so both requests leave together; the wall time covers both. */
async function parallelRun(server: { baseUrl: string; redisUrl: string }): Promise<Run> {
  const bodies = Array.from({ length: PARALLEL }, () => batchBody("valid"));
  const monitor = await startMonitor(server.redisUrl);
  const started = performance.now();
  const all = await Promise.all(bodies.map(({ body, buildMs }) => timedPost(server.baseUrl, body, buildMs)));
  const totalMs = performance.now() - started;
  const cpu = await monitor.stop();
  if (all.some((t) => t.status !== 201)) throw new Error("a parallel batch failed");
  const timed = {
    buildMs: all.reduce((sum, t) => sum + t.buildMs, 0),
    ttfbMs: Math.max(...all.map((t) => t.ttfbMs)),
    totalMs,
  };
  return { label: `${PARALLEL} in parallel`, parcels: BATCH * PARALLEL, timed, cpu };
}

async function printBreakdown(server: { baseUrl: string; databaseUrl: string; env: NodeJS.ProcessEnv }, runs: Run[]) {
  section(`where the time goes (medians per ${fmt(BATCH)}-parcel batch, estimated from outside the app)`);
  const envelope = await rejectedAtMs(server.baseUrl);
  const local = await inProcessMs(server.databaseUrl, server.env);
  const ttfb = median(runs.map((r) => r.timed.ttfbMs));
  const total = median(runs.map((r) => r.timed.totalMs));
  const rest = ttfb - envelope - local.all;
  printTable(
    ["step", "time", "how it was measured"],
    [
      [
        "client: build + stringify body",
        ms(median(runs.map((r) => r.timed.buildMs))),
        "this process; not in parcels/s",
      ],
      ["upload + auth + JSON.parse", ms(envelope), "bad envelope: the server answers 400 before reading parcels"],
      ["validate 10,000 parcels (alone)", ms(local.validate), "the endpoint's fast path ×10,000 in this process"],
      ["hash + encrypt + mask rows (alone)", ms(local.rows), "newParcelRow ×10,000 in this process, same config"],
      ["registerParcels (rows ∥ COPY)", ms(local.all), "in this process, same DB; rows overlap the inserts"],
      [
        "rest (validation, response, Next.js)",
        ms(rest),
        rest < 0 ? "negative: in-process estimates overshoot; ≈ 0" : "to-headers time minus the two above",
      ],
      ["response download", ms(total - ttfb), "last byte minus headers"],
      ["= request total", ms(total), "sequential runs, send → last byte"],
    ],
  );
}

runBench("bench:register", {}, async (server) => {
  printSetup(server.embedded, [
    `load: ${SEQUENTIAL} batches of ${fmt(BATCH)} one after another, then ${PARALLEL} at once; Node's fetch as client`,
    "parcels/s counts the request time only (send → last byte of the response), not building the body",
  ]);
  section("warm-up");
  await registerParcels(server.baseUrl, 1_000, 1_000);
  await postBatch(server.baseUrl, DEMO_API_KEY, batchBody("valid").body);
  console.log(`  registered 1,000 + ${fmt(BATCH)} parcels (not counted)`);

  // Each run again when someone else's build took the CPU meanwhile (see monitor.ts).
  const cpuOthers = (run: Run) => run.cpu.othersPct;
  const sequential: Run[] = [];
  for (let i = 1; i <= SEQUENTIAL; i++) {
    sequential.push(await quietly(`run ${i}`, () => sequentialRun(server, i), cpuOthers));
  }
  const runs = [...sequential, await quietly("the parallel run", () => parallelRun(server), cpuOthers)];
  const totalParcels = runs.reduce((sum, r) => sum + r.parcels, 0);
  const totalMs = runs.reduce((sum, r) => sum + r.timed.totalMs, 0);
  const overall = (totalParcels / totalMs) * 1000;

  section("results");
  printTable(
    ["run", "parcels", "build body", "to headers", "to last byte", "parcels/s", "CPU (% of one core)"],
    runs.map(({ label, parcels, timed, cpu }) => [
      label,
      fmt(parcels),
      ms(timed.buildMs),
      ms(timed.ttfbMs),
      ms(timed.totalMs),
      fmt((parcels / timed.totalMs) * 1000),
      cpuLine(cpu),
    ]),
  );
  console.log(`  overall: ${fmt(totalParcels)} parcels in ${ms(totalMs)} of request time = ${fmt(overall)} parcels/s`);
  await printBreakdown(server, sequential);

  const { sql: client, db } = connect(server.databaseUrl, { max: 1 });
  try {
    const [counted] = await db.execute<{ parcels: string; registered: string }>(
      sql`select (select count(*) from parcels) as parcels, (select sum(parcel_count) from registrations) as registered`,
    );
    console.log(
      `  check: the database holds ${counted?.parcels} parcels, ${counted?.registered} counted by their registrations`,
    );
  } finally {
    await client.end();
  }
  return [
    {
      target: `≥ ${fmt(TARGET_PER_SECOND)} parcels/s overall`,
      met: overall >= TARGET_PER_SECOND,
      detail: `${fmt(overall)} parcels/s`,
    },
  ] satisfies Check[];
});
