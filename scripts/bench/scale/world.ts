/**
 * The carriers and staff bench:scale fills parcels for: the seeded demo carrier as the national
 * one (its key, admin and courier are what the measurements log in as) and smaller carriers, each
 * with an API key; and for every phase of the fill, new couriers enough for a round of ROUND
 * parcels a day each, so growing the data grows the staff as well, not the demo courier's list.
 */
import { randomBytes } from "node:crypto";
import type { Sql } from "postgres";
import { apiKeyPrefix, hashApiKey } from "@/lib/api-keys/hash";
import { DEMO_CARRIER_NAME } from "../fixtures";
import { carrierShares, couriersFor } from "./mix";
import type { FillCarrier } from "./rows";

export const CARRIERS = 20;
const DEMO_COURIER = "courier@exqress.local";

type Base = { id: string; apiKeyId: string; adminId: string | null };

async function demoCarrier(sql: Sql): Promise<Base> {
  const [row] = await sql<{ id: string; apiKeyId: string; adminId: string | null }[]>`
    select c.id, (select k.id from api_keys k where k.carrier_id = c.id order by k.created_at limit 1) as "apiKeyId",
      (select u.id from users u where u.carrier_id = c.id and u.role = 'admin' order by u.created_at limit 1) as "adminId"
    from carriers c where c.name = ${DEMO_CARRIER_NAME}`;
  if (!row?.apiKeyId) throw new Error(`the demo carrier "${DEMO_CARRIER_NAME}" and its key were not seeded`);
  return row;
}

async function otherCarrier(sql: Sql, name: string): Promise<Base> {
  const [existing] = await sql<{ id: string; apiKeyId: string }[]>`
    select c.id, k.id as "apiKeyId" from carriers c join api_keys k on k.carrier_id = c.id where c.name = ${name}`;
  if (existing) return { ...existing, adminId: null };
  const [carrier] = await sql<{ id: string }[]>`insert into carriers (name) values (${name}) returning id`;
  const key = `exq_scale_${randomBytes(24).toString("base64url")}`;
  const [apiKey] = await sql<{ id: string }[]>`
    insert into api_keys (carrier_id, name, prefix, key_hash)
    values (${carrier!.id}, 'integration', ${apiKeyPrefix(key)}, ${hashApiKey(key)}) returning id`;
  return { id: carrier!.id, apiKeyId: apiKey!.id, adminId: null };
}

/** `count` new couriers of a carrier; they never log in, so they share one unusable password hash. */
async function newCouriers(sql: Sql, carrierId: string, tag: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let from = 0; from < count; from += 1_000) {
    const rows = Array.from({ length: Math.min(1_000, count - from) }, (_, k) => ({
      role: "courier",
      carrier_id: carrierId,
      email: `scale-${tag}-${from + k}@bench.local`,
      display_name: `배송원 ${tag}-${from + k}`,
      password_hash: "!",
    }));
    const inserted = await sql<{ id: string }[]>`insert into users ${sql(rows)} returning id`;
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

/** The carriers with this phase's couriers, for `parcels` new parcels; the demo courier joins the first phase. */
export async function phaseCarriers(sql: Sql, phase: number, parcels: number): Promise<FillCarrier[]> {
  const shares = carrierShares(CARRIERS);
  const carriers: FillCarrier[] = [];
  for (const [index, share] of shares.entries()) {
    const base = index === 0 ? await demoCarrier(sql) : await otherCarrier(sql, `Scale Carrier ${index + 1}`);
    const needed = couriersFor(parcels * share);
    const [demo] =
      index === 0 && phase === 0 ? await sql<{ id: string }[]>`select id from users where email = ${DEMO_COURIER}` : [];
    const couriers = [
      ...(demo ? [demo.id] : []),
      ...(await newCouriers(sql, base.id, `${phase}-${index}`, needed - (demo ? 1 : 0))),
    ];
    carriers.push({ ...base, couriers });
  }
  return carriers;
}
