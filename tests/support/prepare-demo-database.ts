/**
 * Migrates DATABASE_URL and seeds the demo data, for e2e tests that run a replica on a
 * PostgreSQL of their own. A child process run by tsx with the react-server condition: the
 * database client and configuration are server-only, which Playwright's workers cannot import.
 */
import { runMigrations } from "@/db/migrate";
import { parseEnv } from "@/lib/config/env";
import { seedDemoDataIfEmpty } from "@/scripts/seed";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  await runMigrations(url);
  await seedDemoDataIfEmpty(parseEnv(process.env));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
