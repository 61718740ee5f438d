import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Redis from "ioredis";
import { freePort } from "@/scripts/services/free-port";
import { startPrivateRedis, type RunningRedis } from "@/scripts/services/private-redis";

const run = promisify(execFile);
const MASTERS = 3;
const READY_TIMEOUT_MS = 20_000;

export type RunningCluster = {
  /** `redis+cluster://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3`, as REDIS_URL takes it. */
  url: string;
  ports: number[];
  stop: () => Promise<void>;
};

async function startNode(dir: string): Promise<RunningRedis> {
  // The cluster bus port defaults to port + 10000, which a free port near the top of the range
  // cannot have: ask for one of its own.
  const busPort = await freePort();
  const extraArgs = ["--cluster-enabled", "yes", "--cluster-config-file", path.join(dir, "nodes.conf")];
  extraArgs.push("--cluster-port", String(busPort), "--cluster-node-timeout", "2000");
  return startPrivateRedis({ dataDir: dir, persistent: false, extraArgs });
}

async function clusterStateOk(port: number): Promise<boolean> {
  const client = new Redis({ host: "127.0.0.1", port, lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await client.connect();
    const info = (await client.call("CLUSTER", "INFO")) as string;
    return info.includes("cluster_state:ok");
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function waitUntilOk(ports: number[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const states = await Promise.all(ports.map(clusterStateOk));
    if (states.every(Boolean)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the Redis Cluster on ports ${ports.join(", ")} did not reach cluster_state:ok`);
}

/**
 * A Redis Cluster of three masters (no replicas) from this machine's redis-server and
 * redis-cli, loopback only, its files in a temporary folder; `stop` ends the nodes and
 * deletes the folder.
 */
export async function startRedisCluster(): Promise<RunningCluster> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "exq-redis-cluster-"));
  const nodes: RunningRedis[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < MASTERS; i++) {
      const dir = path.join(root, `node-${i}`);
      fs.mkdirSync(dir);
      nodes.push(await startNode(dir));
    }
    const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
    await run("redis-cli", ["--cluster", "create", ...addresses, "--cluster-replicas", "0", "--cluster-yes"]);
    const ports = nodes.map((node) => node.port);
    await waitUntilOk(ports);
    return { url: `redis+cluster://${addresses.join(",")}`, ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
