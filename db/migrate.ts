import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { connect } from "./client";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Applies every committed migration that the database has not seen yet. */
export async function runMigrations(databaseUrl: string): Promise<void> {
  const { sql, db } = connect(databaseUrl, { max: 1 });
  try {
    await migrate(db, { migrationsFolder });
  } finally {
    await sql.end();
  }
}
