import fs from "node:fs";
import path from "node:path";
import { generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import { describe, expect, it } from "vitest";
import { migrationsFolder } from "@/db/migrate";
import * as schema from "@/db/schema";

type Snapshot = Parameters<typeof generateMigration>[0];

/** The snapshot `drizzle-kit generate` diffs the schema against: the newest one in meta/. */
function newestSnapshot(): Snapshot {
  const meta = path.join(migrationsFolder, "meta");
  const newest = fs
    .readdirSync(meta)
    .filter((name) => name.endsWith("_snapshot.json"))
    .sort()
    .at(-1);
  if (!newest) throw new Error("no drizzle snapshot in db/migrations/meta");
  return JSON.parse(fs.readFileSync(path.join(meta, newest), "utf8")) as Snapshot;
}

describe("db/schema.ts and db/migrations", () => {
  it("drizzle-kit generate on the unchanged schema writes no migration", async () => {
    const current = generateDrizzleJson(schema, undefined, undefined, "snake_case");
    expect(await generateMigration(newestSnapshot(), current)).toEqual([]);
  });

  it("every migration in the journal has its snapshot", () => {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
      entries: { tag: string }[];
    };
    for (const { tag } of journal.entries) {
      expect(fs.existsSync(path.join(migrationsFolder, `${tag}.sql`)), tag).toBe(true);
      const snapshot = path.join(migrationsFolder, "meta", `${tag.slice(0, 4)}_snapshot.json`);
      expect(fs.existsSync(snapshot), snapshot).toBe(true);
    }
  });
});
