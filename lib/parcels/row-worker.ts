import { parentPort } from "node:worker_threads";
import { lowerThreadPriority } from "@/lib/workers/thread-priority";
import type { WorkerJob, WorkerReply } from "@/lib/workers/worker-pool";
import type { ParcelInput } from "./new-parcel";
import { buildChunk, type BuiltChunk, type ChunkTarget, type RowConfig } from "./parcel-chunk";

/** A worker thread of row-pool.ts: builds one chunk per job and hands its COPY bytes over. */
export type ChunkJob = { inputs: ParcelInput[]; target: ChunkTarget; config: RowConfig };

// Bulk work nobody is waiting on row by row: when cores are short, the event loop (other
// requests) and PostgreSQL go first. Measured while 10,000-parcel batches ran back to back,
// GET /api/health every 20 ms: median 10–14 ms instead of 19–22, p90 29–35 instead of 43–56;
// the batches themselves took as long as before.
lowerThreadPriority();

parentPort?.on("message", ({ id, job: { inputs, target, config } }: WorkerJob<ChunkJob>) => {
  try {
    const { copy, codes } = buildChunk(inputs, target, config);
    // Copied once into an ArrayBuffer of its own, which is then moved to the other thread
    // (transferring `copy.buffer` itself could take Node's shared small-buffer pool with it).
    const owned = new Uint8Array(copy);
    const reply: WorkerReply<BuiltChunk> = { id, value: { copy: owned, codes } };
    parentPort?.postMessage(reply, [owned.buffer]);
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
