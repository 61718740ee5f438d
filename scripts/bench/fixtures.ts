/**
 * Test data for the benchmarks. Parcels go in through the public API, like a
 * carrier's integration; what the API cannot create (a second carrier and its
 * key, extra courier accounts) is written straight into the scratch database.
 */
import { randomBytes, randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { connect } from "@/db/client";
import { DEMO_API_KEY, DEMO_CARRIER as DEMO_CARRIER_NAME } from "@/scripts/seed";
import { apiKeys, carriers, users } from "@/db/schema";
import { apiKeyPrefix, hashApiKey } from "@/lib/api-keys/hash";
import { hashPassword } from "@/lib/auth/password";
import type { ParcelInput } from "@/lib/parcels/new-parcel";

export { DEMO_API_KEY, DEMO_CARRIER_NAME };

/** The JSON a carrier sends for one parcel (lib/parcels/parcel-input.ts). */
export type ParcelJson = Pick<ParcelInput, "recipient" | "itemName">;

const SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"] as const;
const GIVEN = ["민준", "서연", "도윤", "하은", "지호", "수아", "예준", "지우", "시우", "서윤"] as const;
const STREETS = ["서울특별시 강남구 테헤란로", "경기도 의정부시 오목로", "부산광역시 해운대구 해운대로"] as const;
const ITEMS = ["도서", "무선 이어폰", "운동화", "생수 2L 6병"] as const;

const pick = (list: readonly string[], i: number): string => list[i % list.length] ?? "";
const digits = (value: number, width: number): string => String(value).padStart(width, "0");

/** A private address that is new each time: for requests whose per-IP limit is not what is measured. */
export const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;

/** A realistic, valid parcel; `i` varies every field so rows and masked forms differ like real ones. */
export function parcelJson(i: number): ParcelJson {
  return {
    recipient: {
      name: pick(SURNAMES, i) + pick(GIVEN, Math.floor(i / 10)),
      phone: `010-${digits(1000 + (Math.floor(i / 10_000) % 9000), 4)}-${digits(i % 10_000, 4)}`,
      address: `${pick(STREETS, i)} ${100 + (i % 400)}`,
      addressDetail: `${101 + (i % 20)}동 ${1 + (i % 25)}0${1 + (i % 4)}호`,
      postalCode: digits(6000 + (i % 3000), 5),
      memo: "문 앞에 놓아 주세요",
    },
    itemName: pick(ITEMS, i),
  };
}

/** A session cookie ("name=value") for an account, logged in through the one login door. */
export async function sessionCookie(baseUrl: string, identifier: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ identifier, password }),
  });
  const cookie = response.headers.getSetCookie()[0]?.split(";")[0];
  if (response.status !== 200 || !cookie) throw new Error(`the login of ${identifier} answered ${response.status}`);
  return cookie;
}

/** POSTs one batch with the given key and returns the new codes, in input order. */
export async function postBatch(baseUrl: string, apiKey: string, body: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/api/v1/parcels/batch`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body,
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`batch registration answered ${response.status}: ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { parcels: { code: string }[] }).parcels.map((parcel) => parcel.code);
}

/** Registers `count` parcels with the demo carrier's key, in batches, and returns their codes. */
export async function registerParcels(baseUrl: string, count: number, batchSize = 2_000): Promise<string[]> {
  const codes: string[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const parcels = Array.from({ length: Math.min(batchSize, count - start) }, (_, k) => parcelJson(start + k));
    codes.push(...(await postBatch(baseUrl, DEMO_API_KEY, JSON.stringify({ parcels }))));
  }
  return codes;
}

/**
 * A second carrier with its own API key. Its key sees the demo carrier's parcels
 * the way any stranger does (masked), which is the view the benchmarks measure.
 */
export async function createOtherCarrierKey(databaseUrl: string): Promise<string> {
  const { sql, db } = connect(databaseUrl, { max: 1 });
  try {
    const key = `exq_bench_${randomBytes(24).toString("base64url")}`;
    const [carrier] = await db.insert(carriers).values({ name: "Bench Other Carrier" }).returning({ id: carriers.id });
    if (!carrier) throw new Error("could not create the second carrier");
    await db.insert(apiKeys).values({
      carrierId: carrier.id,
      name: "bench key",
      prefix: apiKeyPrefix(key),
      keyHash: hashApiKey(key),
    });
    return key;
  } finally {
    await sql.end();
  }
}

/**
 * `count` extra couriers of the demo carrier sharing one password, so logins
 * spread over many accounts instead of hammering one row and one throttle key.
 * One argon2id hash serves them all: verifying costs the same whatever the salt.
 */
export async function createCouriers(databaseUrl: string, count: number, password: string): Promise<string[]> {
  const { sql, db } = connect(databaseUrl, { max: 1 });
  try {
    const [carrier] = await db.select({ id: carriers.id }).from(carriers).where(eq(carriers.name, DEMO_CARRIER_NAME));
    if (!carrier) throw new Error(`the demo carrier "${DEMO_CARRIER_NAME}" was not seeded`);
    const passwordHash = await hashPassword(password);
    const emails = Array.from({ length: count }, (_, i) => `bench-courier-${i}@bench.local`);
    await db.insert(users).values(
      emails.map((email, i) => ({
        role: "courier" as const,
        carrierId: carrier.id,
        email,
        displayName: `벤치 배송원 ${i}`,
        passwordHash,
      })),
    );
    return emails;
  } finally {
    await sql.end();
  }
}
