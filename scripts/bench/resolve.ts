/**
 * `npm run bench:resolve`: how fast a scanned code turns into a view, through the parcel page
 * and the carrier API, measured against the cheapest route the app has (GET /api/health) in the
 * same run on the same machine. Every URL is answered by Next.js itself (`next start`).
 *
 * Targets:
 * - a stranger's page of a known code ≥ 30% of health's req/s, p99 < 250 ms at 50 connections;
 * - the owning recipient's page (session, full view) p99 < 400 ms at 20 connections;
 * - the API for a caller who gets the masked view ≥ 70% of health's req/s;
 * - the API for the owning carrier's key (full view, audited) p99 < 300 ms at 20 connections.
 */
import {
  createOtherCarrierKey,
  DEMO_API_KEY,
  parcelJson,
  postBatch,
  randomIp,
  registerParcels,
  sessionCookie,
} from "./fixtures";
import { runBench } from "./harness";
import { scriptsPerResponse } from "./monitor";
import { assertClean, printLoadTable, rotate, warmThenMeasure, warnAboutOtherLoad, type LoadTarget } from "./load";
import { expectMaskedApi, expectMaskedPage } from "./probes";
import { newParcelCode } from "@/lib/parcels/code";
import { printResolverTimings } from "./resolver-timings";
import { fmt, ms, pct, printSetup, section, type Check } from "./report";

const PARCELS = 2_000;
// The stranger's page is measured on codes scanned before (Next.js keeps each one's page, 50 MB
// in memory: 500 pages fit with room), and separately on first scans, which render.
const SCANNED_BEFORE = 500;
const OWNED_PARCELS = 200;
const DEMO_RECIPIENT = { identifier: "010-0000-0001", password: "recipient1234!" };
const CONNECTIONS = 50;
const FULL_VIEW_CONNECTIONS = 20;
const WARMUP_SECONDS = 4;
const MEASURE_SECONDS = 12;
// High enough never to block this benchmark, while every request still runs the limiter's Redis script.
const RESOLVE_LIMIT_PER_HOUR = "1000000000";

/** Parcels addressed to the demo recipient's phone, so their page is the owner's full view. */
async function registerOwnedParcels(baseUrl: string): Promise<string[]> {
  const parcels = Array.from({ length: OWNED_PARCELS }, (_, i) => {
    const parcel = parcelJson(i);
    return { ...parcel, recipient: { ...parcel.recipient, phone: DEMO_RECIPIENT.identifier } };
  });
  return postBatch(baseUrl, DEMO_API_KEY, JSON.stringify({ parcels }));
}

/** A stranger's first scan of each code, a few at a time: what fills Next.js's cache of their pages. */
async function firstScans(baseUrl: string, codes: string[]): Promise<void> {
  const queue = [...codes];
  const worker = async () => {
    for (let code = queue.shift(); code; code = queue.shift()) {
      const response = await fetch(`${baseUrl}/p/${code}`);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`a first scan answered ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

runBench("bench:resolve", { RESOLVE_LIMIT_PER_HOUR, TRUSTED_PROXIES: "127.0.0.1" }, async (server) => {
  printSetup(server.embedded, [
    `rate limiter: active on every resolve (a Redis token bucket per caller), but RESOLVE_LIMIT_PER_HOUR=${RESOLVE_LIMIT_PER_HOUR}`,
    "  so it never blocks the benchmark; production's default is 600/hour per IP (×20 per API key)",
    `load: ${CONNECTIONS} connections (${FULL_VIEW_CONNECTIONS} for full views), ${WARMUP_SECONDS} s warm-up then ${MEASURE_SECONDS} s measured per target, one target at a time`,
  ]);

  section("fixtures");
  const started = Date.now();
  const codes = await registerParcels(server.baseUrl, PARCELS);
  const owned = await registerOwnedParcels(server.baseUrl);
  console.log(
    `  registered ${fmt(codes.length + owned.length)} parcels via POST /api/v1/parcels/batch in ${ms(Date.now() - started)} (${fmt(owned.length)} to the demo recipient)`,
  );
  const otherKey = await createOtherCarrierKey(server.databaseUrl);
  console.log("  created a second carrier and its API key in the database (it sees the parcels masked)");
  const cookie = await sessionCookie(server.baseUrl, DEMO_RECIPIENT.identifier, DEMO_RECIPIENT.password);
  await expectMaskedApi(server.baseUrl, otherKey, codes[0] ?? "");
  await expectMaskedPage(server.baseUrl, codes[1] ?? "");
  console.log(`  checked: the API answers the masked view to that key, /p/{code} renders the masked page`);
  const unknown = Array.from({ length: PARCELS }, () => newParcelCode());

  // Separate rotations, so each target walks all codes from the first one.
  const nextApiCode = rotate(codes);
  const scannedBefore = codes.slice(0, SCANNED_BEFORE);
  const nextPageCode = rotate(scannedBefore);
  const nextFirstScan = rotate(codes.slice(SCANNED_BEFORE));
  const nextOwnedPage = rotate(owned);
  const nextOwnedApi = rotate(owned);
  const nextUnknown = rotate(unknown);
  const targets: (LoadTarget & { connections?: number })[] = [
    { title: "GET /api/health", path: "/api/health" },
    {
      title: "GET /api/v1/parcels/{code} (other carrier's key, masked)",
      headers: { authorization: `Bearer ${otherKey}` },
      path: () => `/api/v1/parcels/${nextApiCode()}`,
    },
    { title: "GET /p/{code} (stranger, masked page, code scanned before)", path: () => `/p/${nextPageCode()}` },
    { title: "GET /p/{code} (stranger, first scan of the code: a render)", path: () => `/p/${nextFirstScan()}` },
    {
      title: "GET /p/{code} (owning recipient, full page)",
      headers: { cookie },
      path: () => `/p/${nextOwnedPage()}`,
      connections: FULL_VIEW_CONNECTIONS,
    },
    {
      title: "GET /api/v1/parcels/{code} (owning carrier's key, full, audited)",
      headers: { authorization: `Bearer ${DEMO_API_KEY}` },
      path: () => `/api/v1/parcels/${nextOwnedApi()}`,
      connections: FULL_VIEW_CONNECTIONS,
    },
    {
      // Each miss costs a thirtieth of a caller's hourly budget, so every request comes from a "new"
      // address, which this run's server trusts from its loopback proxy (TRUSTED_PROXIES).
      title: "GET /p/{unknown code} → 404 (new IP each)",
      headers: () => ({ "x-forwarded-for": randomIp() }),
      path: () => `/p/${nextUnknown()}`,
      expectStatus: 404,
    },
  ];
  await firstScans(server.baseUrl, scannedBefore);
  console.log(`  scanned ${fmt(SCANNED_BEFORE)} codes once as a stranger, so Next.js keeps their pages`);
  section(`load (codes rotated; warm-up also fills the Redis snapshot cache)`);
  const results = [];
  for (const target of targets) {
    results.push(
      await warmThenMeasure(server, target, {
        connections: target.connections ?? CONNECTIONS,
        seconds: MEASURE_SECONDS,
        warmupSeconds: WARMUP_SECONDS,
      }),
    );
  }
  const [health, api, page, , ownerPage, ownerApi] = results;
  if (!health || !api || !page || !ownerPage || !ownerApi) throw new Error("a load run is missing");
  section("results");
  printLoadTable(results);
  warnAboutOtherLoad(results);
  results.forEach((result, index) => assertClean(result, { expectStatus: targets[index]?.expectStatus }));
  await expectMaskedPage(server.baseUrl, codes[2] ?? ""); // still the parcel, not a rate-limit notice, after the load
  // Health runs no Lua, so one script per resolve response is the limiter's token bucket running every time.
  const perResponse = (r: typeof api) => (r.monitor ? fmt(scriptsPerResponse(r.monitor, r.responses), 2) : "?");
  console.log(`  rate limiter ran: ${perResponse(api)} Redis scripts per API response, ${perResponse(page)} per page`);
  await printResolverTimings(server, codes.slice(0, PARCELS / 2), codes.slice(PARCELS / 2));

  const apiRatio = api.rps / health.rps;
  const pageRatio = page.rps / health.rps;
  section("ratios");
  console.log(`  API/health:  ${pct(apiRatio)} (${fmt(api.rps)} / ${fmt(health.rps)} req/s)`);
  console.log(`  page/health: ${pct(pageRatio)} (${fmt(page.rps)} / ${fmt(health.rps)} req/s)`);
  const at = (connections: number) => `at ${connections} connections`;
  return [
    { target: "stranger's page ≥ 30% of health req/s", met: pageRatio >= 0.3, detail: pct(pageRatio) },
    { target: "stranger's page p99 < 250 ms", met: page.p99 < 250, detail: `p99 ${ms(page.p99)} ${at(CONNECTIONS)}` },
    {
      target: "owner's page p99 < 400 ms",
      met: ownerPage.p99 < 400,
      detail: `p99 ${ms(ownerPage.p99)} ${at(FULL_VIEW_CONNECTIONS)}`,
    },
    { target: "API masked ≥ 70% of health req/s", met: apiRatio >= 0.7, detail: pct(apiRatio) },
    {
      target: "API full view (owning carrier's key) p99 < 300 ms",
      met: ownerApi.p99 < 300,
      detail: `p99 ${ms(ownerApi.p99)} ${at(FULL_VIEW_CONNECTIONS)}`,
    },
  ] satisfies Check[];
});
