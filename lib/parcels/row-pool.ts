import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ParcelInput } from "./new-parcel";
import type { BuiltChunk, ChunkTarget, RowConfig } from "./parcel-chunk";
import type { ChunkJob, ChunkReply } from "./row-worker";

/**
 * Worker threads that build registration rows (lib/parcels/parcel-chunk.ts). Building a
 * row is ~30 µs of hashing, encrypting and masking, all on one thread before: it held the
 * event loop for most of a 10,000-parcel batch, and two batches at once queued on it.
 * One worker per core; they are idle (and unref'd) between batches.
 */
type Pending = { resolve: (chunk: BuiltChunk) => void; reject: (error: Error) => void };
type PoolWorker = { worker: Worker; pending: Map<number, Pending> };

let workers: PoolWorker[] | undefined;
let nextId = 0;

function start(): PoolWorker {
  // Turbopack bundles the worker from this exact form. Under tsx or Vitest the URL is the
  // TypeScript source, which the worker reads through tsx's loader.
  const worker = new Worker(new URL("./row-worker.ts", import.meta.url), {
    execArgv: import.meta.url.endsWith(".ts") ? ["--require", "tsx/cjs"] : undefined,
  });
  const entry: PoolWorker = { worker, pending: new Map() };
  worker.on("message", ({ id, copy, codes, error }: ChunkReply) => {
    const task = entry.pending.get(id);
    entry.pending.delete(id);
    if (entry.pending.size === 0) worker.unref();
    if (error === undefined && copy && codes) task?.resolve({ copy, codes });
    else task?.reject(new Error(error ?? "the row worker sent no chunk"));
  });
  worker.on("error", (error) => {
    for (const task of entry.pending.values()) task.reject(error);
    entry.pending.clear();
    workers = workers?.map((other) => (other === entry ? start() : other));
  });
  worker.unref();
  return entry;
}

/** Builds one chunk on the least busy worker, starting the pool on first use. */
export function buildChunkInWorker(inputs: ParcelInput[], target: ChunkTarget, config: RowConfig): Promise<BuiltChunk> {
  workers ??= Array.from({ length: availableParallelism() }, start);
  const entry = workers.reduce((least, other) => (other.pending.size < least.pending.size ? other : least));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    entry.pending.set(id, { resolve, reject });
    entry.worker.ref();
    entry.worker.postMessage({ id, inputs, target, config } satisfies ChunkJob);
  });
}
