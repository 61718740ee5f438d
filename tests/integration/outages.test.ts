import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { connect, getDb } from "@/db/client";
import { env } from "@/lib/config/env";
import { answerOutages, isDependencyDown } from "@/lib/http/dependency-errors";
import { newParcelCode } from "@/lib/parcels/code";
import { resolveParcel } from "@/lib/parcels/resolve";
import { ANONYMOUS } from "@/lib/core/viewer";
import { connectRedis } from "@/lib/redis/client";
import { meta } from "../support/fixtures";

const resolveWith = (deps: Parameters<typeof resolveParcel>[0]) => async () => {
  await resolveParcel(deps, ANONYMOUS, newParcelCode(), meta());
  return new Response("resolved");
};

describe("outages answer 503, bugs still throw", () => {
  it("Redis unreachable → 503 with Retry-After", async () => {
    const redis = connectRedis("redis://127.0.0.1:1");
    try {
      const response = await answerOutages(resolveWith({ db: getDb(), redis, config: env() }));
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect((await response.json()).error.code).toBe("unavailable");
    } finally {
      redis.disconnect();
    }
  });

  it("PostgreSQL unreachable → 503", async () => {
    const { sql, db } = connect("postgres://nobody@127.0.0.1:1/none", { max: 1 });
    const redis = connectRedis(env().REDIS_URL, `${env().REDIS_KEY_PREFIX}outage:`);
    try {
      expect((await answerOutages(resolveWith({ db, redis, config: env() }))).status).toBe(503);
    } finally {
      redis.disconnect();
      await sql.end({ timeout: 0 });
    }
  });

  it("a programming error is not disguised as an outage", async () => {
    await expect(answerOutages(async () => Promise.reject(new TypeError("x is undefined")))).rejects.toThrow(TypeError);
    const unreachable = postgres("postgres://nobody@127.0.0.1:1/none", { max: 1 });
    const refused = await unreachable`select 1`.catch((e: unknown) => e);
    await unreachable.end({ timeout: 0 });
    expect(isDependencyDown(refused)).toBe(true);
  });
});
