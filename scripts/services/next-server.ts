import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { freePort } from "./free-port";
import { stopChild } from "./service-stack";

const nextBin = require.resolve("next/dist/bin/next");

/**
 * V8 flags for the server process (the Dockerfile's CMD passes the same). Rendering a page
 * allocates a lot of short-lived objects; with V8's default 16 MB semi-space the young
 * generation filled several times per owner's /p/{code} page and garbage collection took 8% of
 * the main thread. At 64 MB the owner's page served ~20% more requests per second (autocannon,
 * 20 connections, 16 vs 32 vs 64 MB interleaved twice); the cost is up to ~100 MB more memory.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];

/**
 * SERVER_CPU_PROFILE_DIR=<dir> makes the server write a V8 CPU profile there when it exits, for
 * finding where a benchmark's requests spend their CPU (open it in Chrome DevTools or speedscope).
 */
function profileFlags(environment: NodeJS.ProcessEnv): string[] {
  const dir = environment.SERVER_CPU_PROFILE_DIR;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

/**
 * Next.js's own server, the only HTTP server the app has: `next start` on the production
 * build, or `next dev`. React picks its production build from NODE_ENV when it is first
 * loaded, so `next start` runs with NODE_ENV=production as Next's CLI would set it, and with
 * our SIGTERM handling (lib/observability/graceful-shutdown.ts) instead of Next's, which would
 * close the server at once.
 */
export function spawnNext(
  mode: "start" | "dev",
  port: number,
  environment: NodeJS.ProcessEnv,
  stdio: StdioOptions = "inherit",
): ChildProcess {
  const env: NodeJS.ProcessEnv =
    mode === "start" ? { ...environment, NODE_ENV: "production", NEXT_MANUAL_SIG_HANDLE: "true" } : environment;
  return spawn(process.execPath, [...SERVER_NODE_FLAGS, ...profileFlags(env), nextBin, mode, "--port", String(port)], {
    env,
    stdio,
  });
}

export type NextServer = {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
};

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`next start exited (${child.exitCode ?? child.signalCode}) before answering:\n${output()}`);
    }
    const healthy = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`next start did not answer ${url}/api/health within ${timeoutMs} ms:\n${output()}`);
}

/**
 * One production replica on 127.0.0.1, answering /api/health before this resolves. `capture`
 * keeps its output (its JSON log lines) for a caller to read; otherwise the output goes to
 * this process's.
 */
export async function startNextServer(options: {
  env: NodeJS.ProcessEnv;
  port?: number;
  capture?: boolean;
  timeoutMs?: number;
}): Promise<NextServer> {
  const port = options.port ?? (await freePort());
  const stdio: StdioOptions = options.capture ? ["ignore", "pipe", "pipe"] : "inherit";
  // No --hostname: Next.js 16 proxies a server's own proxy.ts rewrites over the network when it is
  // bound to a loopback name (vercel/next.js#94745: 127.0.0.1 is "localhost" to NextURL but not to
  // the router), which loops forever on the stranger's cached page.
  const child = spawnNext("start", port, { ...options.env, PORT: String(port) }, stdio);
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const output = () => text;
  try {
    await waitForHealth(url, child, output, options.timeoutMs ?? 60_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return { url, port, child, output, stop: () => stopChild(child, 15_000) };
}
