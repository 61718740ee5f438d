/**
 * For bench:register: building batch bodies, timing one POST, and estimating
 * where a batch's time goes without touching the app: batches the server
 * rejects at a known step (so it stops right there), and the app's own row
 * building and registration run in this process against the same database.
 */
import { eq } from "drizzle-orm";
import { connect } from "@/db/client";
import { carriers } from "@/db/schema";
import { parseEnv } from "@/lib/config/env";
import { newParcelRow } from "@/lib/parcels/new-parcel";
import { parcelInputFastPath } from "@/lib/parcels/parcel-input";
import { registerParcels as insertParcels } from "@/lib/parcels/register";
import { DEMO_API_KEY, DEMO_CARRIER_NAME, parcelJson, type ParcelJson } from "./fixtures";

export const BATCH = 10_000;
export type Timed = { buildMs: number; ttfbMs: number; totalMs: number; status: number; bytes: number };
type Shape = "valid" | "bad-envelope";

export const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

let nextParcel = 0;
/** A fresh batch (new phones and names each time, like real traffic) and how long building it took. */
export function batchBody(shape: Shape): { body: string; buildMs: number } {
  const started = performance.now();
  const parcels: ParcelJson[] = Array.from({ length: BATCH }, () => parcelJson(nextParcel++));
  // An unknown top-level field fails the envelope schema right after JSON.parse, before any parcel is looked at.
  const envelope = shape === "bad-envelope" ? { parcels, unexpected: true } : { parcels };
  const body = JSON.stringify(envelope);
  return { body, buildMs: performance.now() - started };
}

/** One request, timed to the response headers (the server has done its work) and to the last byte. */
export async function timedPost(baseUrl: string, body: string, buildMs: number): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/parcels/batch`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEMO_API_KEY}`, "content-type": "application/json" },
    body,
  });
  const ttfbMs = performance.now() - started;
  const text = await response.text();
  const totalMs = performance.now() - started;
  if (response.status === 201 && (JSON.parse(text) as { parcels: unknown[] }).parcels.length !== BATCH) {
    throw new Error("a batch answered 201 without all its codes");
  }
  return { buildMs, ttfbMs, totalMs, status: response.status, bytes: text.length };
}

/** Time to the 400 of a batch whose envelope is invalid (the server stops right after JSON.parse); three tries, the median. */
export async function rejectedAtMs(baseUrl: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const timed = await timedPost(baseUrl, batchBody("bad-envelope").body, 0);
    if (timed.status !== 400) throw new Error(`a bad-envelope batch answered ${timed.status}, not 400`);
    times.push(timed.ttfbMs);
  }
  return median(times);
}

export type InProcess = { validate: number; rows: number; all: number };

/**
 * The app's own code, in this process with the server's configuration and database:
 * validation of 10,000 parcels alone (the batch endpoint's fast path), newParcelRow ×10,000
 * alone (phone HMAC, AES-GCM, masking), then registerParcels in one transaction (the same
 * row building overlapped with the COPYs). Medians of three, after one round that warms
 * the JIT up.
 */
export async function inProcessMs(databaseUrl: string, env: NodeJS.ProcessEnv): Promise<InProcess> {
  const config = parseEnv(env);
  const { sql, db } = connect(databaseUrl, { max: 1 });
  try {
    const [carrier] = await db.select({ id: carriers.id }).from(carriers).where(eq(carriers.name, DEMO_CARRIER_NAME));
    if (!carrier) throw new Error("the demo carrier is missing");
    const times: InProcess[] = [];
    for (let round = 0; round < 4; round++) {
      // Through JSON like a request body, so the parcels are fresh plain objects.
      const inputs: ParcelJson[] = JSON.parse(
        JSON.stringify(Array.from({ length: BATCH }, () => parcelJson(nextParcel++))),
      );
      let started = performance.now();
      if (inputs.some((input) => parcelInputFastPath(input) === null)) throw new Error("a bench parcel is not valid");
      const validateMs = performance.now() - started;
      started = performance.now();
      inputs.forEach((input) => newParcelRow(carrier.id, input, config));
      const rowsMs = performance.now() - started;
      started = performance.now();
      await db.transaction((tx) => insertParcels(tx, { carrierId: carrier.id }, inputs, config));
      if (round > 0) times.push({ validate: validateMs, rows: rowsMs, all: performance.now() - started });
    }
    return {
      validate: median(times.map((t) => t.validate)),
      rows: median(times.map((t) => t.rows)),
      all: median(times.map((t) => t.all)),
    };
  } finally {
    await sql.end();
  }
}
