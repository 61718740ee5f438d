import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const drizzleKit = path.join(process.cwd(), "node_modules", "drizzle-kit", "bin.cjs");
const PLAN_HEADER = "You are about to execute current statements:";

/**
 * The statements `drizzle-kit push` runs to make the database at `databaseUrl` equal
 * db/schema.ts: none when the two agree. The CLI, not drizzle-kit/api's pushSchema, because
 * pushSchema ignores the snake_case casing and expects node-postgres results. `--force` applies
 * the plan without a prompt, so point it only at a scratch database.
 */
export async function drizzlePushPlan(databaseUrl: string): Promise<string[]> {
  const args = ["push", "--dialect", "postgresql", "--schema", "./db/schema.ts", "--casing", "snake_case"];
  const { stdout, stderr } = await run(
    process.execPath,
    [drizzleKit, ...args, "--url", databaseUrl, "--verbose", "--force"],
    { env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" }, maxBuffer: 16 * 1024 * 1024 },
  );
  if (stderr.trim()) throw new Error(`drizzle-kit push: ${stderr}`);
  const start = stdout.indexOf(PLAN_HEADER);
  if (start < 0) {
    if (stdout.includes("No changes detected")) return [];
    throw new Error(`drizzle-kit push printed neither a plan nor "No changes detected":\n${stdout}`);
  }
  const plan = stdout.slice(start + PLAN_HEADER.length).split(/\[.\] Changes applied/)[0] ?? "";
  return plan
    .split(/;\s*\n/)
    .map((statement) => statement.replace(/^--> statement-breakpoint$/gm, "").trim())
    .filter(Boolean);
}
