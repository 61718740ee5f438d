/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (npm start does this by itself). */
import { runMigrations } from "@/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the database to migrate (npm start migrates its own database by itself).");
  process.exit(1);
}
runMigrations(url).then(
  () => console.log("Migrations applied."),
  (error: unknown) => {
    console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
