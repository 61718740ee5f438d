import { Worker } from "node:worker_threads";
import { BACKGROUND_NICE } from "@/lib/workers/thread-priority";
import { workerPool } from "@/lib/workers/worker-pool";

/**
 * argon2id runs in a few worker threads of low CPU priority. Hashing is meant to
 * take all the CPU it is given, and on libuv's pool (4 threads of normal
 * priority) it would take it from the event loop too: on 2 cores the loop gets
 * about a fifth of the CPU there, so every other request and the login steps
 * around the hash (Redis, PostgreSQL, the response) queue behind it. Niced threads only get
 * what the event loop leaves, so logins run at the hash's speed and everything
 * else keeps its latency.
 *
 * On Linux, nice is per thread: `os.setPriority` called inside a worker renices
 * that thread alone (elsewhere it would renice the whole server, so it is skipped,
 * as lowerThreadPriority in lib/workers/thread-priority.ts does for the row workers).
 * The worker is plain JavaScript evaluated from this string, so it needs no separate
 * build step in Next.js or tsx, and cannot import that TypeScript helper itself.
 */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { setPriority } = require("node:os");
const argon2 = require("@node-rs/argon2");
if (process.platform === "linux") { try { setPriority(${BACKGROUND_NICE}); } catch {} }
parentPort.on("message", ({ id, job: { op, args } }) => {
  try {
    const value = op === "hash" ? argon2.hashSync(...args) : argon2.verifySync(...args);
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

type Op = { hash: [password: string, options: object]; verify: [hash: string, password: string] };

const run = workerPool<{ op: keyof Op; args: unknown[] }, unknown>(() => new Worker(WORKER_SOURCE, { eval: true }));

/** Runs one argon2 operation on the least busy worker (one per core, started on first use). */
export function runInHashPool<K extends keyof Op>(op: K, ...args: Op[K]): Promise<unknown> {
  return run({ op, args });
}
