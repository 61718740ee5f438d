import { afterAll, describe, expect, it } from "vitest";
import { chargeTokens, consumeTokens, type BucketPolicy } from "@/lib/rate-limit/token-bucket";
import { isolatedRedis } from "../support/redis";

const { redis, cleanup } = isolatedRedis("token-bucket");
afterAll(cleanup);

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;
// 10 tokens, refilled at 10 an hour: one token every 6 minutes.
const policy = (name: string): BucketPolicy => ({ name, capacity: 10, refillPerHour: 10 });

describe("token bucket", () => {
  it("charges an outcome's price even when the balance is already under one token", async () => {
    const bucket = policy("price");
    // Let through (1 token), then priced at 10 in all: the bucket is empty.
    expect((await consumeTokens(redis, bucket, "guesser", 1, T0)).allowed).toBe(true);
    await chargeTokens(redis, bucket, "guesser", 9, T0);
    expect((await consumeTokens(redis, bucket, "guesser", 1, T0)).allowed).toBe(false);
    // Six minutes refill one token: the next request is let through and costs 1, leaving 0...
    expect((await consumeTokens(redis, bucket, "guesser", 1, T0 + 6 * MINUTE)).allowed).toBe(true);
    // ...and its price still goes on the bill: 9 tokens in debt, an hour before the next try.
    const charged = await chargeTokens(redis, bucket, "guesser", 9, T0 + 6 * MINUTE);
    expect(charged.retryAfterSeconds).toBe(60 * 60);
    expect((await consumeTokens(redis, bucket, "guesser", 1, T0 + 12 * MINUTE)).allowed).toBe(false);
  });

  it("charges nothing with consumeTokens once the caller is out of tokens", async () => {
    const bucket = policy("gate");
    await consumeTokens(redis, bucket, "caller", 10, T0);
    const refused = await consumeTokens(redis, bucket, "caller", 5, T0);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 6 * 60 });
  });
});
