import fs from "node:fs";
import { availableParallelism } from "node:os";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env";
import { buildChunkInWorker } from "@/lib/parcels/row-pool";

/** A thread's nice value, from /proc (the 19th field of its stat line). */
const niceOf = (statPath: string) => {
  const stat = fs.readFileSync(statPath, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
};
const threadNices = () => fs.readdirSync("/proc/self/task").map((tid) => niceOf(`/proc/self/task/${tid}/stat`));

const config = parseEnv({
  DATABASE_URL: "postgres://unused@127.0.0.1/unused",
  REDIS_URL: "redis://127.0.0.1:6379",
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  PII_KEYS: `k1:${randomBytes(32).toString("base64")}`,
});
const parcels = Array.from({ length: 60 }, (_, i) => ({
  recipient: {
    name: "홍길동",
    phone: `010-1234-${String(i).padStart(4, "0")}`,
    address: "서울특별시 강남구 테헤란로 1",
  },
}));
const target = {
  carrierId: "0190f5d6-0000-7000-8000-000000000001",
  registrationId: "0190f5d6-0000-7000-8000-000000000002",
};

describe.runIf(process.platform === "linux")("registration row workers", () => {
  it("run below the event loop's priority, and leave the event loop's own alone", async () => {
    const before = threadNices().filter((nice) => nice === 10).length;
    // One job per worker (each goes to the least busy), so every worker has started.
    const workers = availableParallelism();
    await Promise.all(Array.from({ length: workers }, () => buildChunkInWorker(parcels, target, config)));
    expect(threadNices().filter((nice) => nice === 10).length - before).toBe(workers);
    expect(niceOf("/proc/thread-self/stat")).toBe(0);
  });
});
