import { parentPort } from "node:worker_threads";
import { buildChunk, type ChunkTarget, type RowConfig } from "./parcel-chunk";
import type { ParcelInput } from "./new-parcel";

/** A worker thread of row-pool.ts: builds one chunk per message and hands its COPY bytes over. */
export type ChunkJob = { id: number; inputs: ParcelInput[]; target: ChunkTarget; config: RowConfig };
export type ChunkReply = { id: number; copy?: Uint8Array; codes?: string[]; error?: string };

parentPort?.on("message", ({ id, inputs, target, config }: ChunkJob) => {
  try {
    const { copy, codes } = buildChunk(inputs, target, config);
    // Copied once into an ArrayBuffer of its own, which is then moved to the other thread
    // (transferring `copy.buffer` itself could take Node's shared small-buffer pool with it).
    const owned = new Uint8Array(copy);
    parentPort?.postMessage({ id, copy: owned, codes } satisfies ChunkReply, [owned.buffer]);
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies ChunkReply);
  }
});
