import { Queue, Worker } from "bullmq";
import { getDb } from "@/db/client";
import { env } from "@/lib/config/env";
import { logger } from "@/lib/observability/logger";
import { queueConnection } from "@/lib/queue/connection";
import { failImport, processImport } from "./process";

/**
 * CSV imports run as BullMQ jobs on our Redis. Every server process runs a worker (started
 * from instrumentation.ts), so any replica takes the next import. A worker that dies mid-job
 * (SIGKILL, OOM) stops renewing the job's lock; another worker, or this one restarted, finds
 * the job stalled within LOCK_MS and runs it again from the start, which is safe because an
 * import commits in one transaction (process.ts). After MAX_STALLS such restarts, or
 * ATTEMPTS failures, the import is marked failed with nothing imported.
 */
const QUEUE = "imports";
const LOCK_MS = 15_000;
const MAX_STALLS = 2;
const ATTEMPTS = 2;

const cache = globalThis as unknown as { exqressImportQueue?: Queue; exqressImportWorker?: Worker };

function queue(): Queue {
  cache.exqressImportQueue ??= new Queue(QUEUE, queueConnection());
  return cache.exqressImportQueue;
}

export async function enqueueImport(importId: string): Promise<void> {
  await queue().add(
    "import",
    { importId },
    { jobId: importId, attempts: ATTEMPTS, backoff: { type: "fixed", delay: 1_000 }, removeOnComplete: 1_000 },
  );
}

/** Starts this process's worker once; returns it so tests can close it. */
export function startImportWorker(): Worker {
  if (cache.exqressImportWorker) return cache.exqressImportWorker;
  const worker = new Worker<{ importId: string }>(
    QUEUE,
    async (job) => processImport({ db: getDb(), config: env() }, job.data.importId),
    {
      ...queueConnection(),
      concurrency: 1,
      lockDuration: LOCK_MS,
      stalledInterval: LOCK_MS,
      maxStalledCount: MAX_STALLS,
    },
  );
  worker.on("failed", (job, error) => {
    const last = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled/i.test(error.message);
    if (job && last) void failImport(getDb(), job.data.importId).catch(() => {});
    // Never the message: a database's or a parser's quotes the value it stopped at, a recipient's data.
    const errorCode = (error as { code?: unknown }).code;
    logger().error(
      {
        importId: job?.data.importId,
        error: error.name,
        errorCode: typeof errorCode === "string" ? errorCode : undefined,
      },
      "import failed",
    );
  });
  worker.on("error", () => {}); // reconnects by itself; failures are reported per job above
  cache.exqressImportWorker = worker;
  return worker;
}
