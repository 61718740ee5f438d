import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { IDEMPOTENCY_WINDOW_DAYS, runIdempotent } from "@/lib/idempotency/idempotency";

const DAY_MS = 24 * 60 * 60 * 1000;

describe("idempotency keys", () => {
  it("replay the first answer within their window; later, the same key is a new request", async () => {
    const scope = `test:${crypto.randomUUID()}`;
    let calls = 0;
    const handler = async () => ({ status: 201, body: { call: ++calls } });
    const first = await runIdempotent(getDb(), scope, "k", { a: 1 }, handler);
    expect(first).toEqual({ status: 201, body: { call: 1 }, replayed: false });
    const soon = new Date(Date.now() + (IDEMPOTENCY_WINDOW_DAYS - 1) * DAY_MS);
    expect(await runIdempotent(getDb(), scope, "k", { a: 1 }, handler, soon)).toEqual({ ...first, replayed: true });
    const later = new Date(Date.now() + (IDEMPOTENCY_WINDOW_DAYS + 1) * DAY_MS);
    expect(await runIdempotent(getDb(), scope, "k", { a: 1 }, handler, later)).toEqual({
      status: 201,
      body: { call: 2 },
      replayed: false,
    });
    // The newest answer is the one replayed from then on.
    expect(await runIdempotent(getDb(), scope, "k", { a: 1 }, handler)).toEqual({
      status: 201,
      body: { call: 2 },
      replayed: true,
    });
  });
});
