import "server-only";
import { Worker, type Job } from "bullmq";
import type { Transaction } from "@/db/client";
import { getDb } from "@/db/client";
import { afterCommit } from "@/db/transaction";
import { env } from "@/lib/config/env";
import type { PushNotice } from "@/lib/core/push-notice";
import { logger } from "@/lib/observability/logger";
import { queueConnection, sharedQueue } from "@/lib/redis/queue";
import { deliverNotice, PushRetryError, subscriptionIds, type Audience } from "./deliver";

/**
 * Push notifications go through the BullMQ queue "notifications", never from the request that
 * caused them: a `notice` job (enqueued once the change has committed) finds the audience's
 * subscriptions and adds one `deliver` job each, so one device's slow or failing push service
 * never delays or repeats another's. A delivery the push service refuses for now (5xx, 429,
 * no answer) is tried again with exponential backoff: 5 s, 10 s, 20 s, … for about three hours.
 */
const QUEUE = "notifications";
const DELIVER_ATTEMPTS = 12;
const BACKOFF = { type: "exponential", delay: 5_000 } as const;
const KEEP = { removeOnComplete: 1_000, removeOnFail: 5_000 } as const;

type NoticeJob = { audience: Audience; notice: PushNotice };
type DeliverJob = { subscriptionId: string; notice: PushNotice };
type JobData = NoticeJob | DeliverJob;

const queue = () => sharedQueue<JobData>(QUEUE);

// The queue's connection waits for Redis however long it takes (BullMQ needs that): a request
// whose change has committed waits at most this long for its notice to be queued.
const ENQUEUE_WAIT_MS = 2_000;

/**
 * Tells `audience` of `notice` once `tx` commits (never when it rolls back). A queue that cannot
 * be reached then loses this notice, logged: the change itself has committed and stands.
 */
export function notifyOnCommit(tx: Transaction, audience: Audience, notice: PushNotice): void {
  afterCommit(tx, async () => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("queue unreachable")), ENQUEUE_WAIT_MS);
    });
    try {
      await Promise.race([
        queue().add("notice", { audience, notice }, { attempts: 3, backoff: BACKOFF, ...KEEP }),
        late,
      ]);
    } catch (error) {
      logger().error({ kind: notice.kind, error: (error as Error).name }, "push notice not queued");
    } finally {
      clearTimeout(timer);
    }
  });
}

async function fanOut(data: NoticeJob): Promise<void> {
  const ids = await subscriptionIds(getDb(), data.audience);
  const jobs = ids.map((subscriptionId) => ({
    name: "deliver",
    data: { subscriptionId, notice: data.notice },
    opts: { attempts: DELIVER_ATTEMPTS, backoff: BACKOFF, ...KEEP },
  }));
  if (jobs.length > 0) await queue().addBulk(jobs);
}

/**
 * Logs the push service's host, never the endpoint: its path is the device's unique address, a
 * lasting identifier of one person's browser that anyone reading the logs could post to.
 */
async function deliver(data: DeliverJob): Promise<void> {
  const result = await deliverNotice(getDb(), env(), data.subscriptionId, data.notice);
  const fields = { kind: data.notice.kind, host: result.host, status: result.status, outcome: result.outcome };
  if (result.outcome === "refused") logger().warn(fields, "push refused");
  else logger().info(fields, "push delivered");
}

const cache = globalThis as unknown as { exqressNotificationWorker?: Worker };

/** Starts this process's worker once; returns it so tests can close it. */
export function startNotificationWorker(): Worker {
  if (cache.exqressNotificationWorker) return cache.exqressNotificationWorker;
  const worker = new Worker<JobData>(
    QUEUE,
    async (job: Job<JobData>) => ("audience" in job.data ? fanOut(job.data) : deliver(job.data)),
    { ...queueConnection(), concurrency: 8 },
  );
  worker.on("failed", (job, error) => {
    // Never the message: a database's quotes the values it stopped at.
    const status = error instanceof PushRetryError ? error.status : undefined;
    logger().warn({ job: job?.name, attempts: job?.attemptsMade, error: error.name, status }, "push attempt failed");
  });
  worker.on("error", () => {}); // reconnects by itself; failures are reported per job above
  cache.exqressNotificationWorker = worker;
  return worker;
}
