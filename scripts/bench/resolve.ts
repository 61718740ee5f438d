/**
 * `npm run bench:resolve`: how fast a scanned code turns into a masked view,
 * through the carrier API and through the parcel page, measured against the
 * cheapest route the app has (GET /api/health, through Next.js) in the same run on the
 * same machine. Both resolve paths are answered before Next.js in production
 * (lib/server/api-front.ts, lib/server/parcel-page-front.ts), which is why they can beat it.
 *
 * Targets: API ≥ 80% of health's req/s; page ≥ 20% of health's req/s with p99 < 300 ms.
 */
import { createOtherCarrierKey, randomIp, registerParcels } from "./fixtures";
import { runBench } from "./harness";
import { scriptsPerResponse } from "./monitor";
import { assertClean, printLoadTable, rotate, warmThenMeasure, warnAboutOtherLoad, type LoadTarget } from "./load";
import { expectMaskedApi, expectMaskedPage, primePages } from "./probes";
import { newParcelCode } from "@/lib/parcels/code";
import { printResolverTimings } from "./resolver-timings";
import { fmt, ms, pct, printSetup, section, type Check } from "./report";

const PARCELS = 2_000;
// Enough never-viewed labels for the first-view run's warm-up and measurement (~250 pages/s at most).
const FIRST_VIEW_PARCELS = 6_000;
const PRIME_CONCURRENCY = 8;
const CONNECTIONS = 50;
const WARMUP_SECONDS = 4;
const MEASURE_SECONDS = 12;
// High enough never to block this benchmark, while every request still runs the limiter's Redis script.
const RESOLVE_LIMIT_PER_HOUR = "1000000000";

runBench("bench:resolve", { RESOLVE_LIMIT_PER_HOUR }, async (server) => {
  printSetup(server.embedded, [
    `rate limiter: active on every resolve (a Redis token bucket per caller), but RESOLVE_LIMIT_PER_HOUR=${RESOLVE_LIMIT_PER_HOUR}`,
    "  so it never blocks the benchmark; production's default is 600/hour per IP (×20 per API key)",
    `load: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up then ${MEASURE_SECONDS} s measured per target, one target at a time`,
  ]);

  section("fixtures");
  let started = Date.now();
  const codes = await registerParcels(server.baseUrl, PARCELS);
  console.log(
    `  registered ${fmt(codes.length)} parcels via POST /api/v1/parcels/batch in ${ms(Date.now() - started)}`,
  );
  const otherKey = await createOtherCarrierKey(server.databaseUrl);
  console.log("  created a second carrier and its API key in the database (it sees the parcels masked)");
  started = Date.now();
  await expectMaskedApi(server.baseUrl, otherKey, codes[0] ?? "");
  await expectMaskedPage(server.baseUrl, codes[1] ?? "");
  console.log(`  checked: the API answers the masked view to that key, /p/{code} renders the masked page`);

  // A stranger's repeat scan is served from the page already rendered for that label (scripts/serve.ts);
  // the first view of each label is rendered by Next.js. Both are measured, on separate codes.
  const firstViewCodes = await registerParcels(server.baseUrl, FIRST_VIEW_PARCELS);
  started = Date.now();
  await primePages(server.baseUrl, codes, PRIME_CONCURRENCY);
  console.log(
    `  viewed each of the ${fmt(codes.length)} pages once (${ms(Date.now() - started)}), as their first scans`,
  );
  const unknown = Array.from({ length: PARCELS }, () => newParcelCode());

  // Separate rotations, so each target walks all codes from the first one.
  const nextApiCode = rotate(codes);
  const nextPageCode = rotate(codes);
  const nextFirstView = rotate(firstViewCodes);
  const nextUnknown = rotate(unknown);
  const apiHeaders = { authorization: `Bearer ${otherKey}` };
  const targets: LoadTarget[] = [
    { title: "GET /api/health", path: "/api/health" },
    {
      title: "GET /api/v1/parcels/{code} (other carrier's key, masked)",
      headers: apiHeaders,
      path: () => `/api/v1/parcels/${nextApiCode()}`,
    },
    { title: "GET /p/{code} (anonymous, masked page, repeat scan)", path: () => `/p/${nextPageCode()}` },
    { title: "GET /p/{code} (first view of each label)", path: () => `/p/${nextFirstView()}` },
    {
      // Each miss costs a thirtieth of a caller's hourly budget, so every request comes from a "new" address.
      title: "GET /p/{unknown code} → 404 (new IP each)",
      headers: () => ({ "x-forwarded-for": randomIp() }),
      path: () => `/p/${nextUnknown()}`,
      expectStatus: 404,
    },
  ];
  section(`load (codes rotated; warm-up also fills the Redis snapshot cache)`);
  const results = [];
  for (const target of targets) {
    results.push(
      await warmThenMeasure(server, target, {
        connections: CONNECTIONS,
        seconds: MEASURE_SECONDS,
        warmupSeconds: WARMUP_SECONDS,
      }),
    );
  }
  const [health, api, page, firstView] = results;
  if (!health || !api || !page || !firstView) throw new Error("a load run is missing");
  section("results");
  printLoadTable(results);
  warnAboutOtherLoad(results);
  results.forEach((result, index) => assertClean(result, { expectStatus: targets[index]?.expectStatus }));
  await expectMaskedPage(server.baseUrl, codes[2] ?? ""); // still the parcel, not a rate-limit notice, after the load
  // Health runs no Lua, so one script per resolve response is the limiter's token bucket running every time.
  const perResponse = (r: typeof api) => (r.monitor ? fmt(scriptsPerResponse(r.monitor, r.responses), 2) : "?");
  console.log(`  rate limiter ran: ${perResponse(api)} Redis scripts per API response, ${perResponse(page)} per page`);
  await printResolverTimings(server, codes, firstViewCodes);

  const apiRatio = api.rps / health.rps;
  const pageRatio = page.rps / health.rps;
  section("ratios");
  console.log(`  API/health:  ${pct(apiRatio)} (${fmt(api.rps)} / ${fmt(health.rps)} req/s)`);
  console.log(`  page/health: ${pct(pageRatio)} (${fmt(page.rps)} / ${fmt(health.rps)} req/s)`);
  console.log(`  first view/health: ${pct(firstView.rps / health.rps)} (rendered by Next.js each time; no target)`);
  return [
    { target: "API resolve ≥ 80% of health req/s", met: apiRatio >= 0.8, detail: pct(apiRatio) },
    { target: "page ≥ 20% of health req/s", met: pageRatio >= 0.2, detail: pct(pageRatio) },
    { target: "page p99 < 300 ms", met: page.p99 < 300, detail: `p99 ${ms(page.p99)} at ${CONNECTIONS} connections` },
  ] satisfies Check[];
});
