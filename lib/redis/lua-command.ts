import type { RedisClient } from "./client";

/**
 * A Lua script as a command of the client it is first used on. ioredis then sends EVALSHA,
 * loads the script again by itself after a Redis restart, and prefixes the script's keys with
 * the client's keyPrefix. With `numberOfKeys` left out, each call passes the number of keys first.
 * On a Redis Cluster all of one call's keys must share a slot (lib/redis/slots.ts).
 */
export function luaCommand<Command extends object>(name: string, lua: string, numberOfKeys?: number) {
  return <Client extends RedisClient>(redis: Client): Client & Command => {
    if (!(name in redis)) redis.defineCommand(name, { numberOfKeys, lua });
    return redis as Client & Command;
  };
}
