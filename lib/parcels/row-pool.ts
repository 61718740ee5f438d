import { Worker } from "node:worker_threads";
import { workerPool } from "@/lib/workers/worker-pool";
import type { ParcelInput } from "./new-parcel";
import type { BuiltChunk, ChunkTarget, RowConfig } from "./parcel-chunk";
import type { ChunkJob } from "./row-worker";

/**
 * Worker threads that build registration rows (lib/parcels/parcel-chunk.ts). Building a
 * row is ~30 µs of hashing, encrypting and masking, all on one thread before: it held the
 * event loop for most of a 10,000-parcel batch, and two batches at once queued on it.
 */
const run = workerPool<ChunkJob, BuiltChunk>(
  () =>
    // Turbopack bundles the worker from this exact form (resolving `server-only` as the server
    // build does). Under tsx or Vitest the URL is the TypeScript source, which the worker reads
    // through tsx's CommonJS hook, with the react-server condition that `server-only` needs.
    new Worker(new URL("./row-worker.ts", import.meta.url), {
      execArgv: import.meta.url.endsWith(".ts") ? ["--require", "tsx/cjs", "--conditions=react-server"] : undefined,
    }),
);

/** Builds one chunk on the least busy worker (one per core, started on first use). */
export function buildChunkInWorker(inputs: ParcelInput[], target: ChunkTarget, config: RowConfig): Promise<BuiltChunk> {
  return run({ inputs, target, config });
}
