/**
 * `npm run bench:login`: logins are argon2id-bound by design, so the figure that
 * matters is how close the login route gets to what argon2id alone allows on this
 * machine, and whether a login storm slows everyone else down.
 *
 * (1) the bound: argon2id verifies/s in this process, with the app's parameters, measured
 *     before the logins and again right after them;
 * (2) logins/s at 20 connections, rotating over many courier accounts (target ≥ 80% of the
 *     bound: the mean of the two, since this machine's speed drifts by 10–20% within minutes);
 * (3) masked resolve p99 at a low steady rate, idle and then during a login storm (target < 3× idle).
 */
import { hash, verify } from "@node-rs/argon2";
import { ARGON2ID, hashPassword, verifyPassword } from "@/lib/auth/password";
import { createCouriers, createOtherCarrierKey, registerParcels } from "./fixtures";
import { runBench, type BenchServer } from "./harness";
import { assertClean, printLoadTable, rotate, runLoad, warmThenMeasure, warnAboutOtherLoad } from "./load";
import type { LoadOptions, LoadResult, LoadTarget } from "./load";
import { cpuLine, quietly, startMonitor, type MonitorReport } from "./monitor";
import { expectMaskedApi } from "./probes";
import { fmt, ms, pct, printSetup, section, type Check } from "./report";

const PASSWORD = "courier1234!"; // the demo courier's, so the seeded account joins the rotation
const EXTRA_COURIERS = 50;
// A long warm-up: for its first ~15 s under logins the server's JIT compiler threads took
// ~2 ms of CPU per login (0.4 ms after), which the bound, a native loop, never pays.
const LOGIN = { connections: 20, seconds: 12, warmupSeconds: 15 };
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

async function argon2Bound(redisUrl: string, title: string): Promise<number> {
  section(title);
  const stored = await hashPassword(PASSWORD);
  if (!(await verifyPassword(stored, PASSWORD))) throw new Error("verifyPassword refused the right password");
  // The library itself on libuv's pool, not the app's worker pool: the bound is what argon2id alone allows.
  const plain = () => verify(stored, PASSWORD);
  await rate(redisUrl, "hash, 4 in flight, 4 s", 4, 4, () => hash(PASSWORD, ARGON2ID));
  const two = await rate(redisUrl, "verify, 2 in flight, 5 s", 5, 2, plain);
  const four = await rate(redisUrl, "verify, 4 in flight, 10 s", 10, 4, plain);
  const bound = Math.max(two, four);
  const pool = process.env.UV_THREADPOOL_SIZE ?? "4";
  console.log(`  bound: ${fmt(bound, 1)} verifies/s (the better of the two; libuv pool: ${pool} threads)`);
  return bound;
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
    `logins: ${LOGIN.connections} connections, ${LOGIN.warmupSeconds} s warm-up then ${LOGIN.seconds} s measured`,
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

  const ARGON2 = "argon2id alone in a plain loop, in this process (m=19 MiB, t=2, p=1, as lib/auth/password.ts)";
  const boundBefore = await argon2Bound(server.redisUrl, `(1) ${ARGON2}`);

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

  section(`(2) logins, ${LOGIN.connections} connections over ${fmt(emails.length)} accounts`);
  const logins = await warmThenMeasure(server, login, LOGIN);
  printLoadTable([logins]);
  warnAboutOtherLoad([logins]);
  assertClean(logins); // a failed login would be charged to the throttle and measure something else
  // Bracketed: the mean of the bound before and after is what the machine allowed while the logins ran.
  const boundAfter = await argon2Bound(server.redisUrl, `(1) again, right after the logins: ${ARGON2}`);
  const bound = (boundBefore + boundAfter) / 2;
  const loginRatio = logins.rps / bound;
  console.log(
    `  logins/s vs the argon2id bound (mean of ${fmt(boundBefore, 1)} before and ${fmt(boundAfter, 1)} after):` +
      ` ${fmt(logins.rps, 1)} / ${fmt(bound, 1)} = ${pct(loginRatio)}`,
  );

  section("(3) masked resolve p99, idle and during a login storm");
  const othersPct = (r: UnderLoad) => Math.max(r.idle.monitor?.othersPct ?? 0, r.cpu.othersPct);
  const { idle, loaded, storm, cpu } = await quietly(
    "the probe",
    () => resolveUnderLogins(server, login, probe),
    othersPct,
  );
  printLoadTable([idle, loaded, storm]);
  console.log(`    during the storm (probe + logins): ${cpuLine(cpu)}`);
  warnAboutOtherLoad([idle, { ...loaded, monitor: cpu }]);
  for (const result of [idle, loaded, storm]) assertClean(result);
  const slowdown = loaded.p99 / idle.p99;
  console.log(`  p99 during logins / idle p99: ${ms(loaded.p99)} / ${ms(idle.p99)} = ${fmt(slowdown, 2)}×`);

  return [
    { target: "logins/s ≥ 80% of the argon2id bound", met: loginRatio >= 0.8, detail: pct(loginRatio) },
    { target: "resolve p99 during logins < 3× idle p99", met: slowdown < 3, detail: `${fmt(slowdown, 2)}×` },
  ] satisfies Check[];
});
