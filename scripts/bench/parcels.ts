/**
 * `npm run bench:parcels`: the recipient's list for someone with 500 parcels across three
 * carriers (and 1,500 other people's parcels around them). Server time of `GET /parcels`
 * (the page, rendered with the list) and of `GET /api/v1/me/parcels` (what the page polls),
 * one request at a time, as p50/p99. Target: page p99 < 300 ms.
 */
import { randomBytes } from "node:crypto";
import { connect } from "@/db/client";
import { apiKeys, carriers } from "@/db/schema";
import { apiKeyPrefix, hashApiKey } from "@/lib/api-keys/hash";
import { DEMO_API_KEY, parcelJson, postBatch, sessionCookie } from "./fixtures";
import { runBench } from "./harness";
import { ms, printSetup, printTable, section } from "./report";

const PHONE = "010-0000-0001"; // the seeded demo recipient
const PASSWORD = "recipient1234!";
const MINE = 500;
const OTHERS = 1_500;
const WARMUP = 20;
const SAMPLES = 200;

async function carrierKeys(databaseUrl: string, count: number): Promise<string[]> {
  const { sql, db } = connect(databaseUrl, { max: 1 });
  try {
    const keys: string[] = [];
    for (let i = 0; i < count; i++) {
      const key = `exq_bench_${randomBytes(24).toString("base64url")}`;
      const [carrier] = await db
        .insert(carriers)
        .values({ name: `Bench Carrier ${i + 2}` })
        .returning({ id: carriers.id });
      await db
        .insert(apiKeys)
        .values({ carrierId: carrier!.id, name: "bench", prefix: apiKeyPrefix(key), keyHash: hashApiKey(key) });
      keys.push(key);
    }
    return keys;
  } finally {
    await sql.end();
  }
}

async function timings(url: string, cookie: string, expect: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    const body = await response.text();
    if (response.status !== 200 || !body.includes(expect)) throw new Error(`${url} answered ${response.status}`);
    if (i >= WARMUP) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

runBench("bench:parcels", {}, async (server) => {
  printSetup(server.embedded, [`one request at a time: ${WARMUP} warm-up, then ${SAMPLES} measured per target`]);
  section("fixtures");
  const keys = [DEMO_API_KEY, ...(await carrierKeys(server.databaseUrl, 2))];
  for (const [k, key] of keys.entries()) {
    const mine = Array.from({ length: Math.ceil(MINE / keys.length) }, (_, i) => parcelJson(i + k * 1000)).map(
      (parcel) => ({ ...parcel, recipient: { ...parcel.recipient, phone: PHONE } }),
    );
    const others = Array.from({ length: OTHERS / keys.length }, (_, i) => parcelJson(100_000 + i + k * 1000));
    await postBatch(server.baseUrl, key, JSON.stringify({ parcels: [...mine, ...others] }));
  }
  console.log(`  ${MINE}+ parcels for ${PHONE} across ${keys.length} carriers, ${OTHERS} for other phones`);
  const cookie = await sessionCookie(server.baseUrl, PHONE, PASSWORD);

  section("server time, one request at a time");
  const page = await timings(`${server.baseUrl}/parcels`, cookie, "data-code");
  const api = await timings(`${server.baseUrl}/api/v1/me/parcels`, cookie, '"parcels"');
  printTable(
    ["target", "p50", "p99"],
    [
      ["GET /parcels", ms(quantile(page, 0.5)), ms(quantile(page, 0.99))],
      ["GET /api/v1/me/parcels", ms(quantile(api, 0.5)), ms(quantile(api, 0.99))],
    ],
  );
  const p99 = quantile(page, 0.99);
  return [{ target: "GET /parcels p99 < 300 ms", met: p99 < 300, detail: ms(p99) }];
});
