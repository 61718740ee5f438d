import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { imports } from "@/db/schema";

export type RecentImport = {
  id: string;
  status: "running" | "done" | "failed";
  total: number;
  imported: number;
  at: string;
};

/** The carrier's latest imports, newest first, for the console's list with label links. */
export async function recentImports(db: Database, carrierId: string, limit = 20): Promise<RecentImport[]> {
  const rows = await db
    .select({
      id: imports.id,
      status: imports.status,
      total: imports.total,
      imported: imports.imported,
      at: imports.createdAt,
    })
    .from(imports)
    .where(eq(imports.carrierId, carrierId))
    .orderBy(desc(imports.createdAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}
