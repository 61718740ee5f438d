import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";
import postgres from "postgres";
import { apiKeyPrefix, hashApiKey } from "@/lib/api-keys/hash";

/**
 * What the recipient tests need that no screen makes yet: a second carrier with its API key
 * and a courier assigned to a parcel (the console and courier issues bring those screens).
 * Written straight into the test server's database.
 */
function database() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("The recipient end-to-end tests need DATABASE_URL (npm test sets it).");
  return postgres(url, { max: 1 });
}

export async function createCarrierWithKey(): Promise<{ name: string; key: string }> {
  const sql = database();
  try {
    const name = `Carrier ${randomBytes(3).toString("hex")}`;
    const key = `exq_e2e_${randomBytes(16).toString("hex")}`;
    const [carrier] = await sql<{ id: string }[]>`insert into carriers (name) values (${name}) returning id`;
    await sql`insert into api_keys (carrier_id, name, prefix, key_hash)
      values (${carrier!.id}, 'e2e', ${apiKeyPrefix(key)}, ${hashApiKey(key)})`;
    return { name, key };
  } finally {
    await sql.end();
  }
}

export async function assignCourier(code: string, email: string): Promise<void> {
  const sql = database();
  try {
    const updated = await sql`update parcels set courier_id = (select id from users where email = ${email})
      where code = ${code}`;
    expect(updated.count).toBe(1);
  } finally {
    await sql.end();
  }
}

/** The last one-time code the local SMS outbox (.data/outbox.log of the server) holds for this phone. */
export function lastOtp(phoneDigits: string): string | null {
  const lines = readFileSync(path.resolve(".data", "outbox.log"), "utf8").trim().split("\n");
  const line = lines.reverse().find((entry) => entry.replace(/\D/g, "").includes(phoneDigits.slice(3)));
  return (
    line
      ?.split(" ")
      .slice(2)
      .join(" ")
      .match(/\b\d{6}\b/)?.[0] ?? null
  );
}

export const DEMO_KEY = "exq_demo_key";
export const DEMO_PHONE = "010-0000-0001";

/** Registers a parcel for `phone` with `key`; returns its code. */
export async function registerFor(request: APIRequestContext, key: string, phone: string, item: string) {
  const response = await request.post("/api/v1/parcels", {
    headers: { authorization: `Bearer ${key}` },
    data: {
      recipient: { name: "김수민", phone, address: "경기도 의정부시 오목로 150", addressDetail: "211동" },
      itemName: item,
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { code: string }).code;
}

export async function setStatus(request: APIRequestContext, key: string, code: string, status: string) {
  const response = await request.post(`/api/v1/parcels/${code}/events`, {
    headers: { authorization: `Bearer ${key}`, "idempotency-key": `${code}-${status}` },
    data: { status },
  });
  expect(response.status()).toBe(201);
}
