import { parentPort } from "node:worker_threads";
import { lowerThreadPriority } from "@/lib/workers/thread-priority";
import type { WorkerJob, WorkerReply } from "@/lib/workers/worker-pool";
import type { ParcelInput } from "./new-parcel";
import { buildChunk, type BuiltChunk, type ChunkTarget, type RowConfig } from "./parcel-chunk";

/** A worker thread of row-pool.ts: builds one chunk per job and hands its COPY bytes over. */
export type ChunkJob = { inputs: ParcelInput[]; target: ChunkTarget; config: RowConfig };

// Rows are built ahead of PostgreSQL, which takes them one chunk at a time: when cores are
// short, PostgreSQL and the event loop go first (measured: a batch ~10% sooner).
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
