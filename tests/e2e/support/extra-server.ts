import { freePort } from "@/scripts/services/free-port";
import { spawnNext } from "@/scripts/services/next-server";
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
  const child = spawnNext("start", port, { ...process.env, PORT: String(port), ...overrides }, "ignore");
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
