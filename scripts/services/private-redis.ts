import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { freePort } from "./free-port";
import { stopChild } from "./service-stack";

export type RunningRedis = { url: string; port: number; stop: () => Promise<void> };

const REDIS_INSTALL_HINT =
  "No redis-server was found on PATH. Install one (Debian/Ubuntu: `sudo apt-get install redis-server`, " +
  "macOS: `brew install redis`) or set REDIS_URL to a Redis you run yourself.";

function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

function waitForReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const settle = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) settle();
    };
    const onExit = (code: number | null) =>
      settle(new Error(`redis-server exited (${code}) before it was ready:\n${output}`));
    const timer = setTimeout(() => settle(new Error(`redis-server did not start on port ${port}:\n${output}`)), 10_000);
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
  });
}

/**
 * Runs the machine's redis-server privately: loopback only, on a free port (or the
 * one given, to restart it where clients expect it), with its files in `dataDir`.
 * SIGTERM makes redis-server flush its append-only file and exit cleanly.
 */
export async function startPrivateRedis(options: {
  dataDir: string;
  port?: number;
  persistent: boolean;
  /** More redis-server options (a Redis Cluster node's, in tests/support/redis-cluster.ts). */
  extraArgs?: readonly string[];
}): Promise<RunningRedis> {
  if (!hasRedisServer()) throw new Error(REDIS_INSTALL_HINT);
  fs.mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", options.dataDir, "--save", ""];
  args.push("--appendonly", options.persistent ? "yes" : "no", "--daemonize", "no", "--protected-mode", "yes");
  args.push(...(options.extraArgs ?? []));
  // stdout is piped only to see the ready line; after that it is drained so redis never blocks on it.
  const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "inherit"] });
  await waitForReady(child, port);
  child.stdout?.resume();
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => stopChild(child) };
}
