import { Worker } from "bullmq";
import { and, eq, lt, ne } from "drizzle-orm";
import { getDb, type Database } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { env } from "@/lib/config/env";
import { logger } from "@/lib/observability/logger";
import { queueConnection, sharedQueue } from "@/lib/redis/queue";
import { attemptDelivery, type DeliveryTiming } from "./deliver";

/**
 * Webhook deliveries run as BullMQ jobs, one per delivery row, whose job id IS the row's id: a
 * delivery queued twice (after commit, and by the sweeper) is one job, and one worker of all the
 * replicas holds it at a time. Retries are BullMQ's, with our backoff (10 s doubling, at most an
 * hour) until the delivery's window of 24 hours from its event has passed (deliver.ts).
 */
const QUEUE = "webhooks";
const DAY_MS = 86_400_000;

export const DEFAULT_TIMING: DeliveryTiming = {
  windowMs: DAY_MS,
  timeoutMs: 10_000,
  backoffMs: (attempts) => Math.min(10_000 * 2 ** (attempts - 1), 3_600_000),
};

const cache = globalThis as unknown as { exqressWebhookWorker?: Worker };

const queue = () => sharedQueue<{ deliveryId: string }>(QUEUE);

const jobOptions = (id: string) => ({
  jobId: id,
  // The window, not a count, ends the retries: deliver.ts answers "done" once it has passed.
  attempts: 10_000,
  backoff: { type: "webhook" },
  removeOnComplete: 1_000,
  removeOnFail: 1_000,
});

/**
 * Queues deliveries already committed. Never throws: the change they tell about has committed,
 * and whatever is not queued now the sweeper queues later.
 */
export async function enqueueWebhookDeliveries(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    await queue().addBulk(ids.map((id) => ({ name: "deliver", data: { deliveryId: id }, opts: jobOptions(id) })));
  } catch (error) {
    logger().warn({ error: (error as Error).name, count: ids.length }, "webhook deliveries left to the sweeper");
  }
}

/**
 * Queues again every pending delivery overdue by more than `graceMs` whose job is gone (the
 * process died between the commit and the queueing, or Redis lost it). A job that still exists
 * keeps its id, so adding it again changes nothing.
 */
export async function sweepWebhookDeliveries(db: Database, graceMs = 60_000): Promise<number> {
  const due = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(eq(webhookDeliveries.status, "pending"), lt(webhookDeliveries.nextAttemptAt, new Date(Date.now() - graceMs))),
    )
    .limit(1_000);
  let queued = 0;
  for (const { id } of due) {
    const job = await queue().getJob(id);
    if (job && !(await job.isCompleted()) && !(await job.isFailed())) continue;
    await job?.remove();
    await queue().add("deliver", { deliveryId: id }, jobOptions(id));
    queued += 1;
  }
  return queued;
}

/** Starts this process's webhook worker once (instrumentation.ts); tests pass their own timing and close it. */
export function startWebhookWorker(
  timing: DeliveryTiming = DEFAULT_TIMING,
  options: { shared?: boolean } = {},
): Worker {
  const shared = options.shared ?? true;
  if (shared && cache.exqressWebhookWorker) return cache.exqressWebhookWorker;
  const worker = new Worker<{ deliveryId: string }>(
    QUEUE,
    async (job) => {
      const result = await attemptDelivery({ db: getDb(), config: env() }, job.data.deliveryId, timing);
      if (result === "retry") throw new Error("webhook delivery failed; retrying");
    },
    {
      ...queueConnection(),
      concurrency: 8,
      // Longer than a delivery's timeout, so a slow receiver's job is not taken for stalled.
      lockDuration: Math.max(30_000, timing.timeoutMs * 3),
      settings: { backoffStrategy: (attemptsMade: number) => timing.backoffMs(attemptsMade) },
    },
  );
  worker.on("error", () => {}); // reconnects by itself; deliveries record their own failures
  if (shared) cache.exqressWebhookWorker = worker;
  return worker;
}

/** Ended deliveries are kept for the console and the API's recent list for this long, then forgotten. */
const KEEP_MS = 30 * DAY_MS;

async function forgetOldDeliveries(db: Database): Promise<void> {
  const before = new Date(Date.now() - KEEP_MS);
  await db
    .delete(webhookDeliveries)
    .where(and(ne(webhookDeliveries.status, "pending"), lt(webhookDeliveries.createdAt, before)));
}

/**
 * The sweeper: every few minutes on every server (the jobs' ids keep replicas from doubling
 * them); it also forgets deliveries ended more than 30 days ago.
 */
export function startWebhookSweeper(db: () => Database = getDb, everyMs = 5 * 60_000): () => void {
  const timer = setInterval(() => {
    Promise.all([sweepWebhookDeliveries(db()), forgetOldDeliveries(db())]).catch((error: unknown) =>
      logger().warn({ error: (error as Error).name }, "webhook sweep failed; retrying at the next run"),
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
