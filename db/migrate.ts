import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { connect } from "./client";
import { ensurePartitionsAhead } from "./partitions";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/**
 * Applies every committed migration that the database has not seen yet, then makes the history
 * tables' partitions for now and the periods ahead, so a fresh database takes inserts at once.
 */
export async function runMigrations(databaseUrl: string): Promise<void> {
  const { sql, db } = connect(databaseUrl, { max: 1 });
  try {
    await migrate(db, { migrationsFolder });
    await ensurePartitionsAhead(db);
  } finally {
    await sql.end();
  }
}
