/** Printing for the benchmarks: aligned tables, target checks and a note on what was measured. */
import os from "node:os";

/** One target: what it asks, whether it was met, and the figures behind the verdict. */
export type Check = { target: string; met: boolean; detail: string };

export const fmt = (value: number, digits = 0): string =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const pct = (ratio: number): string => `${fmt(ratio * 100, 1)}%`;

export const ms = (value: number): string => `${fmt(value, Math.abs(value) < 10 ? 1 : 0)} ms`;

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)));
  // The first column is a label (left-aligned), the rest are figures (right-aligned).
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  console.log(`  ${line(header)}`);
  console.log(`  ${widths.map((width) => "-".repeat(width)).join("  ")}`);
  for (const row of rows) console.log(`  ${line(row)}`);
}

export function section(title: string): void {
  console.log(`\n--- ${title} ---`);
}

/** Prints every check and returns whether all were met. */
export function printChecks(checks: Check[]): boolean {
  section("targets");
  for (const check of checks) console.log(`  [${check.met ? "MET   " : "MISSED"}] ${check.target}: ${check.detail}`);
  return checks.every((check) => check.met);
}

/** What the figures were measured on, so nobody compares them with another machine's unawares. */
export function printSetup(embedded: { postgres: boolean; redis: boolean }, extra: string[] = []): void {
  section("what was measured");
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  console.log(`  node ${process.version}, ${os.cpus().length} cores (${cpu}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB`);
  console.log(
    `  PostgreSQL: ${embedded.postgres ? "embedded (same machine)" : "DATABASE_URL"}; ` +
      `Redis: ${embedded.redis ? "private redis-server (same machine)" : "REDIS_URL"}`,
  );
  console.log("  app: production build, `next start` via scripts/start.ts; requests over loopback (127.0.0.1)");
  console.log("  the load generator runs in this process on the same cores as the server, PostgreSQL and Redis");
  for (const line of extra) console.log(`  ${line}`);
}
