import "server-only";
import { count, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { carriers, parcels } from "@/db/schema";

/** The console's home: the admin's own carrier's name and how many parcels it has. */
export async function carrierOverview(db: Database, carrierId: string): Promise<{ name: string; parcels: number }> {
  const [[carrier], [total]] = await Promise.all([
    db.select({ name: carriers.name }).from(carriers).where(eq(carriers.id, carrierId)),
    db.select({ n: count() }).from(parcels).where(eq(parcels.carrierId, carrierId)),
  ]);
  return { name: carrier?.name ?? "", parcels: total?.n ?? 0 };
}
