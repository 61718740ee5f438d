/**
 * `npm run bench:login`: logins are argon2id-bound by design, so the figure that
 * matters is how close the login route gets to what argon2id alone allows on this
 * machine, and whether a login storm slows everyone else down.
 *
 * (1) the bound: argon2id verifies/s in this process, with the app's parameters;
 * (2) logins/s at 20 connections, rotating over many courier accounts, in short slices with the
 *     bound measured again between them (target: all the slices' logins ≥ 75% of the bound
 *     around them). argon2id is memory-hard, and this shared host's speed for it swings by
 *     10–30% from one minute to the next (a plain loop: 183 then 212, 268 then 216 verifies/s
 *     forty seconds apart), so a bound measured once, or once before and once after 12 s of
 *     logins, compared the logins with another machine as often as with this one;
 * (3) masked resolve p99 at a low steady rate, idle and then during a login storm (target < 3× idle).
 */
import { hash, verify } from "@node-rs/argon2";
import { ARGON2ID, hashPassword, verifyPassword } from "@/lib/auth/password";
import { createCouriers, createOtherCarrierKey, registerParcels } from "./fixtures";
import { runBench, type BenchServer } from "./harness";
import { assertClean, printLoadTable, rotate, runLoad, warmThenMeasure, warnAboutOtherLoad } from "./load";
import type { LoadOptions, LoadResult, LoadTarget } from "./load";
import { appThreadCounts, cpuLine, quietly, startMonitor, type MonitorReport } from "./monitor";
import { expectMaskedApi } from "./probes";
import { fmt, ms, pct, printSetup, printTable, section, type Check } from "./report";

const PASSWORD = "courier1234!"; // the demo courier's, so the seeded account joins the rotation
const EXTRA_COURIERS = 50;
// A long warm-up: for its first ~15 s under logins the server's JIT compiler threads took
// ~2 ms of CPU per login (0.4 ms after), which the bound, a native loop, never pays.
const LOGIN = { connections: 20, warmupSeconds: 15, slices: 4, sliceSeconds: 8 };
/** Each of the bound's two loops between slices (2 and 4 verifies in flight) runs this long. */
const BOUND_SECONDS = 3;
/** The logins still in flight when a slice ends (one per connection) finish before the bound starts. */
const DRAIN_MS = 1_000;
// A light, paced probe: a few scanners, not a second load test competing with the logins.
const PROBE: LoadOptions & { warmupSeconds: number } = {
  connections: 5,
  overallRate: 50,
  seconds: 10,
  warmupSeconds: 3,
};
const RESOLVE_LIMIT_PER_HOUR = "1000000000";

/** Completed operations per second with `concurrency` in flight for `seconds`, and the CPU meanwhile. */
async function rate(redisUrl: string, label: string, seconds: number, concurrency: number, op: () => Promise<unknown>) {
  const attempt = async () => {
    const monitor = await startMonitor(redisUrl);
    const started = performance.now();
    let done = 0;
    const worker = async () => {
      for (; performance.now() - started < seconds * 1000; done += 1) await op();
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { perSecond: done / ((performance.now() - started) / 1000), cpu: await monitor.stop() };
  };
  const result = await quietly(label, attempt, (r) => r.cpu.othersPct);
  console.log(`  ${label.padEnd(34)} ${fmt(result.perSecond, 1).padStart(6)}/s   CPU: ${cpuLine(result.cpu)}`);
  return result.perSecond;
}

/** The better of 2 and 4 verifies in flight on libuv's pool: the library itself, not the app's worker pool. */
async function boundNow(redisUrl: string, stored: string, label: string): Promise<number> {
  const plain = () => verify(stored, PASSWORD);
  const two = await rate(redisUrl, `${label}, verify, 2 in flight`, BOUND_SECONDS, 2, plain);
  const four = await rate(redisUrl, `${label}, verify, 4 in flight`, BOUND_SECONDS, 4, plain);
  return Math.max(two, four);
}

/** Checks the app's parameters verify, then gives the stored hash the bound loops verify. */
async function argon2Setup(redisUrl: string): Promise<string> {
  section(`(1) argon2id alone in a plain loop, in this process (m=19 MiB, t=2, p=1, as lib/auth/password.ts)`);
  const stored = await hashPassword(PASSWORD);
  if (!(await verifyPassword(stored, PASSWORD))) throw new Error("verifyPassword refused the right password");
  await rate(redisUrl, "hash, 4 in flight, 4 s", 4, 4, () => hash(PASSWORD, ARGON2ID));
  const pool = process.env.UV_THREADPOOL_SIZE ?? "4";
  console.log(`  the bound is the better of 2 and 4 verifies in flight (libuv pool: ${pool} threads)`);
  return stored;
}

type Slice = { logins: LoadResult; boundBefore: number; boundAfter: number };

/** Logins in slices, the bound measured before the first and after each, so both see the same host. */
async function interleaved(server: BenchServer, login: LoadTarget, stored: string): Promise<Slice[]> {
  const warm = await runLoad(server.baseUrl, login, { connections: LOGIN.connections, seconds: LOGIN.warmupSeconds });
  console.log(`  warm-up ${login.title}: ${fmt(warm.rps)} req/s over ${LOGIN.warmupSeconds} s (not counted)`);
  let boundBefore = await boundNow(server.redisUrl, stored, "bound 0");
  const slices: Slice[] = [];
  for (let i = 1; i <= LOGIN.slices; i++) {
    const monitor = await startMonitor(server.redisUrl);
    const options = { connections: LOGIN.connections, seconds: LOGIN.sliceSeconds };
    const result = await runLoad(server.baseUrl, { ...login, title: `${login.title}, slice ${i}` }, options);
    const logins = { ...result, monitor: await monitor.stop() };
    assertClean(logins); // a failed login would be charged to the throttle and measure something else
    await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
    const boundAfter = await boundNow(server.redisUrl, stored, `bound ${i}`);
    slices.push({ logins, boundBefore, boundAfter });
    boundBefore = boundAfter;
  }
  return slices;
}

/** Every slice against the mean of the bounds around it, then all logins against all bounds. */
function loginRatio(slices: Slice[]): number {
  const boundOf = (slice: Slice) => (slice.boundBefore + slice.boundAfter) / 2;
  printLoadTable(slices.map((slice) => slice.logins));
  warnAboutOtherLoad(slices.map((slice) => slice.logins));
  printTable(
    ["slice", "logins/s", "bound before", "bound after", "ratio"],
    slices.map((slice, i) => [
      String(i + 1),
      fmt(slice.logins.rps, 1),
      fmt(slice.boundBefore, 1),
      fmt(slice.boundAfter, 1),
      pct(slice.logins.rps / boundOf(slice)),
    ]),
  );
  // The slices are equally long, so the sums weigh each second alike.
  const logins = slices.reduce((sum, slice) => sum + slice.logins.rps, 0);
  const bound = slices.reduce((sum, slice) => sum + boundOf(slice), 0);
  console.log(
    `  logins/s vs the argon2id bound around them, all slices: ${fmt(logins / slices.length, 1)} / ` +
      `${fmt(bound / slices.length, 1)} = ${pct(logins / bound)}`,
  );
  return logins / bound;
}

type UnderLoad = { idle: LoadResult; loaded: LoadResult; storm: LoadResult; cpu: MonitorReport };

/** The paced probe idle, then during a login storm that starts first and outlasts it. */
async function resolveUnderLogins(server: BenchServer, login: LoadTarget, probe: LoadTarget): Promise<UnderLoad> {
  const idle = await warmThenMeasure(server, { ...probe, title: `${probe.title}, idle` }, PROBE);
  const monitor = await startMonitor(server.redisUrl);
  const storm = runLoad(
    server.baseUrl,
    { ...login, title: "POST /api/auth/login (storm)" },
    {
      connections: LOGIN.connections,
      seconds: PROBE.seconds + 3,
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const loaded = await runLoad(server.baseUrl, { ...probe, title: `${probe.title}, during logins` }, PROBE);
  return { idle, loaded, storm: await storm, cpu: await monitor.stop() };
}

runBench("bench:login", { RESOLVE_LIMIT_PER_HOUR }, async (server) => {
  printSetup(server.embedded, [
    `logins: ${LOGIN.connections} connections, ${LOGIN.warmupSeconds} s warm-up, then ${LOGIN.slices} slices of ` +
      `${LOGIN.sliceSeconds} s, the bound (${BOUND_SECONDS} s at 2 and at 4 in flight) before, between and after`,
    `probe: masked API resolve, ${PROBE.connections} connections paced at ${PROBE.overallRate} req/s, ${PROBE.seconds} s`,
    `rate limiter active but RESOLVE_LIMIT_PER_HOUR=${RESOLVE_LIMIT_PER_HOUR}, so it never blocks the probe`,
  ]);
  section("fixtures");
  const emails = ["courier@exqress.local", ...(await createCouriers(server.databaseUrl, EXTRA_COURIERS, PASSWORD))];
  console.log(`  ${fmt(emails.length)} courier accounts (the demo one + ${EXTRA_COURIERS} created in the database)`);
  const codes = await registerParcels(server.baseUrl, 500);
  const otherKey = await createOtherCarrierKey(server.databaseUrl);
  await expectMaskedApi(server.baseUrl, otherKey, codes[0] ?? "");
  console.log(`  ${fmt(codes.length)} parcels registered; a second carrier's key sees them masked`);

  const stored = await argon2Setup(server.redisUrl);

  const nextEmail = rotate(emails);
  const login: LoadTarget = {
    title: "POST /api/auth/login",
    method: "POST",
    // Same-origin, as from the app's own login form; the route refuses anything else.
    headers: { "content-type": "application/json", origin: server.baseUrl },
    path: "/api/auth/login",
    body: () => JSON.stringify({ identifier: nextEmail(), password: PASSWORD }),
  };
  const nextCode = rotate(codes);
  const probe: LoadTarget = {
    title: "GET /api/v1/parcels/{code} (masked)",
    headers: { authorization: `Bearer ${otherKey}` },
    path: () => `/api/v1/parcels/${nextCode()}`,
  };

  const { slices, sliceSeconds, connections } = LOGIN;
  section(`(2) logins, ${connections} connections over ${fmt(emails.length)} accounts: ${slices} × ${sliceSeconds} s`);
  const ratio = loginRatio(await interleaved(server, login, stored));

  section("(3) masked resolve p99, idle and during a login storm");
  const othersPct = (r: UnderLoad) => Math.max(r.idle.monitor?.othersPct ?? 0, r.cpu.othersPct);
  const { idle, loaded, storm, cpu } = await quietly(
    "the probe",
    () => resolveUnderLogins(server, login, probe),
    othersPct,
  );
  printLoadTable([idle, loaded, storm]);
  console.log(`    during the storm (probe + logins): ${cpuLine(cpu)}`);
  // One argon2 pool and one row pool per process: the count must not grow with login paths.
  console.log(`  threads of the server process after the storm: ${appThreadCounts().join(", ")}`);
  warnAboutOtherLoad([idle, { ...loaded, monitor: cpu }]);
  for (const result of [idle, loaded, storm]) assertClean(result);
  const slowdown = loaded.p99 / idle.p99;
  console.log(`  p99 during logins / idle p99: ${ms(loaded.p99)} / ${ms(idle.p99)} = ${fmt(slowdown, 2)}×`);

  return [
    { target: "logins/s ≥ 75% of the argon2id bound", met: ratio >= 0.75, detail: pct(ratio) },
    { target: "resolve p99 during logins < 3× idle p99", met: slowdown < 3, detail: `${fmt(slowdown, 2)}×` },
  ] satisfies Check[];
});
