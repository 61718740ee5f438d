/**
 * `npm run lint`'s layer check: one dependency-cruiser run over the app's code, judged by the
 * rules of .dependency-cruiser.cjs and then for cycles between lib/ folders
 * (scripts/layers/folder-cycles.ts). Exits non-zero on either.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { ICruiseResult } from "dependency-cruiser";
import { folderCycles } from "./layers/folder-cycles";

const ROOTS = ["app", "components", "lib", "db", "proxy.ts", "instrumentation.ts"];

async function main(): Promise<number> {
  const bin = path.join(process.cwd(), "node_modules", ".bin", "depcruise");
  const run = spawnSync(bin, ["--output-type", "json", ...ROOTS], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0 && !run.stdout) {
    console.error(run.stderr);
    return 2;
  }
  const result = JSON.parse(run.stdout) as ICruiseResult;
  // dependency-cruiser is an ES module only; this script runs as CommonJS.
  const { format } = await import("dependency-cruiser");
  const report = await format(result, { outputType: "err-long" });
  process.stdout.write(String(report.output));
  const cycles = folderCycles(result.modules);
  for (const { folders, loop } of cycles) {
    console.error(`\n  error folder-cycle: ${folders.join(", ")} depend on each other; the shortest loop:`);
    console.error(`    ${loop.join("\n    ")}`);
  }
  if (cycles.length > 0) console.error(`\nx ${cycles.length} cycle(s) between lib/ folders (docs/architecture.md).`);
  return report.exitCode > 0 || cycles.length > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
