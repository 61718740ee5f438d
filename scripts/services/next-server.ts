import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./free-port";
import { stopChild } from "./service-stack";

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
 * One production replica: Next.js's own `next start` on the current build, with our SIGTERM
 * handling (instrumentation.ts) instead of Next's. `capture` keeps its output (its JSON log
 * lines) for a caller to read; otherwise the output goes to this process's.
 */
export async function startNextServer(options: {
  env: NodeJS.ProcessEnv;
  port?: number;
  capture?: boolean;
  timeoutMs?: number;
}): Promise<NextServer> {
  const port = options.port ?? (await freePort());
  const nextBin = require.resolve("next/dist/bin/next");
  const environment: NodeJS.ProcessEnv = {
    ...options.env,
    NODE_ENV: "production",
    NEXT_MANUAL_SIG_HANDLE: "true",
    PORT: String(port),
  };
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      env: environment,
      stdio: options.capture ? ["ignore", "pipe", "pipe"] : "inherit",
    },
  );
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
