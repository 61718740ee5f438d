import { env } from "@/lib/config/env";
import { connectForQueue } from "@/lib/redis/client";
import { hashTag } from "@/lib/redis/slots";

/**
 * What every BullMQ queue and worker of the app shares. BullMQ prefixes its own keys (ioredis
 * keyPrefix is not supported by it); blocking commands need maxRetriesPerRequest null. Its
 * scripts touch many of a queue's keys at once: the hash tag in the prefix keeps them in one
 * Redis Cluster slot.
 */
export const queueConnection = () => ({ connection: connectForQueue(env().REDIS_URL), prefix: queuePrefix() });

export const queuePrefix = () => `${env().REDIS_KEY_PREFIX}${hashTag("bull")}`;
