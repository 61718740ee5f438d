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
  /** Stops every node (an outage); `startNodes` brings them back on the same ports, as the same cluster. */
  stopNodes: () => Promise<void>;
  startNodes: () => Promise<void>;
  stop: () => Promise<void>;
};

// The cluster bus port defaults to port + 10000, which a free port near the top of the range
// cannot have: each node gets one of its own.
type NodeSpec = { dir: string; port: number; busPort: number };

function startNode({ dir, port, busPort }: NodeSpec): Promise<RunningRedis> {
  const extraArgs = ["--cluster-enabled", "yes", "--cluster-config-file", path.join(dir, "nodes.conf")];
  extraArgs.push("--cluster-port", String(busPort), "--cluster-node-timeout", "2000");
  return startPrivateRedis({ dataDir: dir, port, persistent: false, extraArgs });
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
  const specs: NodeSpec[] = [];
  let nodes: RunningRedis[] = [];
  const stopNodes = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    nodes = [];
  };
  const startNodes = async () => {
    nodes = await Promise.all(specs.map(startNode));
    await waitUntilOk(specs.map((spec) => spec.port));
  };
  const stop = async () => {
    await stopNodes();
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < MASTERS; i++) {
      const dir = path.join(root, `node-${i}`);
      fs.mkdirSync(dir);
      specs.push({ dir, port: await freePort(), busPort: await freePort() });
    }
    nodes = await Promise.all(specs.map(startNode));
    const addresses = specs.map((spec) => `127.0.0.1:${spec.port}`);
    await run("redis-cli", ["--cluster", "create", ...addresses, "--cluster-replicas", "0", "--cluster-yes"]);
    const ports = specs.map((spec) => spec.port);
    await waitUntilOk(ports);
    return { url: `redis+cluster://${addresses.join(",")}`, ports, stopNodes, startNodes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
