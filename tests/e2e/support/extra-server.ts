import { spawn } from "node:child_process";
import { freePort } from "@/scripts/services/free-port";
import { stopChild } from "@/scripts/services/service-stack";

/**
 * A second production server from the same build, for what one server cannot
 * show (a revoke on another server, a Redis outage). Same environment as the
 * main test server unless overridden.
 */
export async function startExtraServer(overrides: Record<string, string> = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The production server as the launcher runs it (scripts/start.ts), without migrating or building again.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), ...overrides },
    stdio: "ignore",
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop: () => stopChild(child) };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopChild(child);
  throw new Error(`the extra server on ${url} did not start`);
}
