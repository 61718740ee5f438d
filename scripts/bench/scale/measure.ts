/**
 * What bench:scale measures at each size, through the running production server: the owner's page,
 * a stranger's first scan, a courier's list, the console's list and search, a single and a batch
 * registration; and in this process the hourly purge, as the server's schedule runs it.
 */
import { performance } from "node:perf_hooks";
import { connect } from "@/db/client";
import { purgeExpiredPersonalData } from "@/lib/parcels/purge";
import { DEMO_LOGINS } from "@/scripts/seed";
import { DEMO_API_KEY, parcelJson, sessionCookie } from "../fixtures";
import type { BenchServer } from "../harness";
import { assertClean, rotate, warmThenMeasure, type LoadResult, type LoadTarget } from "../load";
import { waitForQuiet } from "../monitor";
import { batchBody, median, timedPost } from "../register-steps";
import type { Samples } from "./fill";
import { HOUR_MS } from "./mix";

const WARMUP_SECONDS = 4;
const MEASURE_SECONDS = 15;
const BATCHES = 3;
const RETRY_WAIT_SECONDS = 120;

export type Cookies = { owner: string; courier: string; admin: string };
export type Registration = { medianMs: number; parcelsPerSecond: number };
export type Purge = { seconds: number; purged: number };

export async function logIn(baseUrl: string): Promise<Cookies> {
  const [admin, courier, owner] = DEMO_LOGINS;
  return {
    admin: await sessionCookie(baseUrl, admin.login, admin.password),
    courier: await sessionCookie(baseUrl, courier.login, courier.password),
    owner: await sessionCookie(baseUrl, owner.login, owner.password),
  };
}

let nextParcel = 0;

function targets(cookies: Cookies, samples: Samples): (LoadTarget & { connections: number })[] {
  const owned = rotate(samples.owned);
  const strangers = rotate(samples.strangers);
  const references = rotate(samples.references);
  return [
    { title: "owner's /p/{code}", headers: { cookie: cookies.owner }, path: () => `/p/${owned()}`, connections: 20 },
    { title: "stranger's first scan /p/{code}", path: () => `/p/${strangers()}`, connections: 20 },
    {
      title: "courier's list (API)",
      headers: { cookie: cookies.courier },
      path: "/api/v1/courier/parcels",
      connections: 10,
    },
    {
      title: "console list /admin/parcels",
      headers: { cookie: cookies.admin },
      path: "/admin/parcels",
      connections: 10,
    },
    {
      title: "console search (reference)",
      headers: { cookie: cookies.admin },
      path: () => `/admin/parcels?q=${references()}`,
      connections: 10,
    },
    {
      title: "single registration (API)",
      method: "POST",
      headers: { authorization: `Bearer ${DEMO_API_KEY}`, "content-type": "application/json" },
      body: () => JSON.stringify(parcelJson(nextParcel++)),
      path: "/api/v1/parcels",
      connections: 10,
    },
  ];
}

/** How many parcels the demo courier's list holds: what its timing is for. */
async function courierListLength(baseUrl: string, cookie: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v1/courier/parcels`, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`the courier's list answered ${response.status}`);
  return ((await response.json()) as { parcels: unknown[] }).parcels.length;
}

/** Every HTTP target in turn, each warmed up first; stops if any answered something unexpected. */
export async function measureRequests(server: BenchServer, cookies: Cookies, samples: Samples): Promise<LoadResult[]> {
  const listed = await courierListLength(server.baseUrl, cookies.courier);
  console.log(`  the demo courier's list holds ${listed} parcels (today's round, two hours in)`);
  const results: LoadResult[] = [];
  for (const target of targets(cookies, samples)) {
    const options = { connections: target.connections, seconds: MEASURE_SECONDS, warmupSeconds: WARMUP_SECONDS };
    const measure = async () => {
      const result = await warmThenMeasure(server, target, options);
      assertClean(result);
      return result;
    };
    let result: LoadResult;
    try {
      result = await measure();
    } catch (error) {
      // Once more on a calmer machine: another process's burst can time requests (or the
      // monitor's Redis calls) out on shared cores. Twice is no accident.
      console.log(`  ${error instanceof Error ? error.message : String(error)}: measuring ${target.title} again`);
      await waitForQuiet(RETRY_WAIT_SECONDS);
      result = await measure();
    }
    results.push(result);
  }
  return results;
}

/** A few 10,000-parcel batches one after another: the median time and the parcels a second. */
export async function measureBatches(baseUrl: string): Promise<Registration> {
  const times: number[] = [];
  for (let i = 0; i < BATCHES; i++) {
    const { body, buildMs } = batchBody("valid");
    const timed = await timedPost(baseUrl, body, buildMs);
    if (timed.status !== 201) throw new Error(`a batch answered ${timed.status}`);
    times.push(timed.totalMs);
  }
  const medianMs = median(times);
  return { medianMs, parcelsPerSecond: (10_000 / medianMs) * 1000 };
}

/**
 * The hourly purge as the server runs it, an hour after `now` for each phase before: the fill left
 * exactly one hour of ended deliveries past retention, which is one run's work in a steady state.
 */
export async function measurePurge(
  server: BenchServer,
  now: number,
  phase: number,
  retentionDays: number,
): Promise<Purge> {
  const { sql, db } = connect(server.databaseUrl, { max: 2 });
  try {
    const started = performance.now();
    const { purged } = await purgeExpiredPersonalData(db, { retentionDays, now: new Date(now + phase * HOUR_MS) });
    return { seconds: (performance.now() - started) / 1000, purged };
  } finally {
    await sql.end();
  }
}
