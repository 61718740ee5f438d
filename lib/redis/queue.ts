import { Queue, type QueueOptions, type WorkerOptions } from "bullmq";
import { env } from "@/lib/config/env";
import { connectForQueue } from "./client";
import { hashTag } from "./slots";

/**
 * What every BullMQ queue and worker of the app connects with. BullMQ prefixes its own keys
 * (ioredis keyPrefix is not supported by it); blocking commands need maxRetriesPerRequest null
 * (connectForQueue). Its scripts touch many of a queue's keys at once: the hash tag in the
 * prefix keeps them in one Redis Cluster slot.
 */
export function queueConnection(): Pick<QueueOptions & WorkerOptions, "connection" | "prefix"> {
  return { connection: connectForQueue(env().REDIS_URL), prefix: `${env().REDIS_KEY_PREFIX}${hashTag("bull")}` };
}

const cache = globalThis as unknown as { exqressQueues?: Map<string, Queue> };

/** This process's one producer for the queue `name`, made on first use (never at import time). */
export function sharedQueue<T>(name: string): Queue<T> {
  cache.exqressQueues ??= new Map();
  let queue = cache.exqressQueues.get(name);
  if (!queue) {
    queue = new Queue(name, queueConnection());
    cache.exqressQueues.set(name, queue);
  }
  return queue as Queue<T>;
}
