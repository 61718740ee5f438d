import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// `npm run bench:pilot` at a tiny scale, with one fault (a replica killed and started again):
// the same day, the same invariants. It runs in its own process, with its own cluster,
// PostgreSQL and Redis, because the pilot reaches into lib/ (server-only) for the back office.
type Result = { checks: { target: string; met: boolean; detail: string }[]; answers: number };

function runPilot(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/bench/pilot.ts", ...args], {
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

test("a tiny pilot day with a replica restart keeps every invariant", async () => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exqress-pilot-e2e-"));
  const json = path.join(dir, "result.json");
  const { code, output } = await runPilot(["--scale", "0.004", "--faults", "replica", "--json", json]);
  const summary = output
    .split("\n")
    .filter((line) => !line.startsWith("{"))
    .join("\n");
  console.log(summary.split("--- the day")[1] ?? summary.slice(-4000));
  expect(fs.existsSync(json), summary.slice(-4000)).toBe(true);
  const result = JSON.parse(fs.readFileSync(json, "utf8")) as Result;
  fs.rmSync(dir, { recursive: true, force: true });
  expect(result.checks.filter((check) => !check.met)).toEqual([]);
  expect(result.checks.length).toBeGreaterThanOrEqual(9);
  expect(result.answers).toBeGreaterThan(100);
  expect(code).toBe(0);
});
