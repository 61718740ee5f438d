import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/**
 * argon2id runs in a few worker threads of low CPU priority. Hashing is meant to
 * take all the CPU it is given, and on libuv's pool (4 threads of normal
 * priority) it took it from the event loop too: on 2 cores the loop got about a
 * fifth of the CPU, so every other request and the login steps around the hash
 * (Redis, PostgreSQL, the response) queued behind it. Niced threads only get
 * what the event loop leaves, so logins run at the hash's speed and everything
 * else keeps its latency.
 *
 * On Linux, nice is per thread: `os.setPriority` called inside a worker renices
 * that thread alone. The worker is plain JavaScript evaluated from this string,
 * so it needs no separate build step in Next.js or tsx.
 */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { setPriority } = require("node:os");
const argon2 = require("@node-rs/argon2");
try { setPriority(10); } catch {}
parentPort.on("message", ({ id, op, args }) => {
  try {
    const value = op === "hash" ? argon2.hashSync(...args) : argon2.verifySync(...args);
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

type Op = { hash: [password: string, options: object]; verify: [hash: string, password: string] };
type Reply = { id: number; value?: unknown; error?: string };
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type PoolWorker = { worker: Worker; pending: Map<number, Pending> };

let workers: PoolWorker[] | undefined;
let nextId = 0;

function start(): PoolWorker {
  const entry: PoolWorker = { worker: new Worker(WORKER_SOURCE, { eval: true }), pending: new Map() };
  entry.worker.on("message", ({ id, value, error }: Reply) => {
    const task = entry.pending.get(id);
    entry.pending.delete(id);
    if (entry.pending.size === 0) entry.worker.unref();
    if (error === undefined) task?.resolve(value);
    else task?.reject(new Error(error));
  });
  entry.worker.on("error", (error) => {
    for (const task of entry.pending.values()) task.reject(error);
    entry.pending.clear();
    workers = workers?.map((other) => (other === entry ? start() : other));
  });
  // An idle worker must not keep a script (seed, admin:create) from exiting; a busy one must.
  entry.worker.unref();
  return entry;
}

/** Runs one argon2 operation on the least busy worker, starting the pool (one per core) on first use. */
export function runInHashPool<K extends keyof Op>(op: K, ...args: Op[K]): Promise<unknown> {
  workers ??= Array.from({ length: availableParallelism() }, start);
  const entry = workers.reduce((least, other) => (other.pending.size < least.pending.size ? other : least));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    entry.pending.set(id, { resolve, reject });
    entry.worker.ref();
    entry.worker.postMessage({ id, op, args });
  });
}
