import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";

/**
 * A few worker threads doing CPU-bound jobs for the event loop (argon2id in lib/auth,
 * registration rows in lib/parcels): one per core, a job to the least busy one, replies
 * matched by id. Workers are unref'd while idle, so a script using them still exits; a
 * worker that crashes or exits fails its pending jobs and is replaced.
 *
 * The protocol on the worker's side: a message `{ id, job }` is answered with
 * `{ id, value }` or `{ id, error }` (the error's message).
 */
export type WorkerJob<J> = { id: number; job: J };
export type WorkerReply<R> = { id: number; value?: R; error?: string };

type Pending<R> = { resolve: (value: R) => void; reject: (error: Error) => void };
type PoolWorker<R> = { worker: Worker; pending: Map<number, Pending<R>> };

export function workerPool<J, R>(spawn: () => Worker, size: () => number = availableParallelism) {
  let workers: PoolWorker<R>[] | undefined;
  let nextId = 0;

  function start(): PoolWorker<R> {
    const entry: PoolWorker<R> = { worker: spawn(), pending: new Map() };
    entry.worker.on("message", ({ id, value, error }: WorkerReply<R>) => {
      const task = entry.pending.get(id);
      entry.pending.delete(id);
      if (entry.pending.size === 0) entry.worker.unref();
      if (error === undefined) task?.resolve(value as R);
      else task?.reject(new Error(error));
    });
    // A worker can also end without an error event (process.exit in its code): either way its
    // pending jobs fail, with the error when there was one, and a fresh worker takes its place.
    let crash: Error | undefined;
    entry.worker.on("error", (error) => (crash = error));
    entry.worker.on("exit", () => {
      for (const task of entry.pending.values()) task.reject(crash ?? new Error("a worker thread exited"));
      entry.pending.clear();
      workers = workers?.map((other) => (other === entry ? start() : other));
    });
    entry.worker.unref();
    return entry;
  }

  /** Runs `job` on the least busy worker, starting the pool on first use. */
  return function run(job: J): Promise<R> {
    workers ??= Array.from({ length: size() }, start);
    const entry = workers.reduce((least, other) => (other.pending.size < least.pending.size ? other : least));
    const id = nextId++;
    return new Promise<R>((resolve, reject) => {
      entry.pending.set(id, { resolve, reject });
      entry.worker.ref();
      entry.worker.postMessage({ id, job } satisfies WorkerJob<J>);
    });
  };
}
