import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { carriers, parcels, registrations, users } from "@/db/schema";
import { listParcels, type ParcelListQuery } from "@/lib/admin/parcel-list";
import { env } from "@/lib/config/env";
import type { ParcelInput } from "@/lib/parcels/new-parcel";
import { registerParcels } from "@/lib/parcels/register";

type Seeded = { carrierId: string; courierId: string; reference: string };

/** One carrier's parcels in batches of `batch`; one batch in ten delivered, one parcel in 1,000 assigned. */
export async function seed(
  total: number,
  batch: number,
  parcel: (i: number) => ParcelInput,
  log: (line: string) => void,
): Promise<Seeded> {
  const db = getDb();
  const [carrier] = await db.insert(carriers).values({ name: "Bench Carrier" }).returning({ id: carriers.id });
  const carrierId = carrier!.id;
  const [courier] = await db
    .insert(users)
    .values({ role: "courier", carrierId, email: "bench-courier@exqress.local", passwordHash: "unused" })
    .returning({ id: users.id });
  const start = performance.now();
  for (let done = 0; done < total; done += batch) {
    const size = Math.min(batch, total - done);
    const inputs = Array.from({ length: size }, (_, k) => ({ ...parcel(done + k), reference: `ORD-${done + k}` }));
    await registerParcels(db, { carrierId }, inputs, env());
    if ((done / batch) % 10 === 0) log(`seeded ${done + size} parcels`);
  }
  const seconds = (performance.now() - start) / 1000;
  log(`seeded ${total} parcels in ${seconds.toFixed(0)} s (${Math.round(total / seconds)} parcels/s)`);
  // Make statuses and assignments uneven, as a real day's data is.
  const regs = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(eq(registrations.carrierId, carrierId));
  const delivered = regs.filter((_, i) => i % 10 === 0).map((r) => r.id);
  for (const id of delivered) {
    await db.execute(sql`update parcels set status = 'delivered', delivered_at = now() where registration_id = ${id}`);
  }
  await db.execute(
    sql`update parcels set courier_id = ${courier!.id}, status = 'out_for_delivery'
        where carrier_id = ${carrierId} and status = 'registered' and right(reference, 3) = '500'`,
  );
  await db.execute(sql`vacuum analyze parcels`);
  return { carrierId, courierId: courier!.id, reference: `ORD-${Math.floor(total / 2)}` };
}

type Timer = (label: string, run: () => Promise<unknown>) => Promise<void>;

export async function measure(seeded: Seeded, options: { deepPages: number; time: Timer }): Promise<void> {
  const db = getDb();
  const list = (query: ParcelListQuery) => listParcels(db, seeded.carrierId, query);
  let cursor: string | undefined;
  for (let page = 0; page < options.deepPages; page++) cursor = (await list({ after: cursor })).next ?? undefined;
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from ${parcels}`)) as unknown as [{ n: number }];
  console.log(`\nparcels in the table: ${n}`);
  await options.time("first page (50 rows)", () => list({}));
  await options.time(`deep page (after ${options.deepPages} pages)`, () => list({ after: cursor }));
  await options.time("search by reference", () => list({ q: seeded.reference }));
  await options.time("filter status=delivered", () => list({ status: "delivered" }));
  await options.time("filter status=returned (none)", () => list({ status: "returned" }));
  await options.time("filter courier", () => list({ courier: seeded.courierId }));
  const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
  await options.time("filter status+date", () => list({ status: "registered", from: today, to: today }));
}
