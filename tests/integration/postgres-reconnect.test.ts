import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "@/db/client";
import { testServerUrl } from "../support/services";

/**
 * A PostgreSQL restart or failover ends every backend, also in the middle of a query or a
 * transaction. The pool's connection then reconnects, and the first query on the new backend must
 * be answered by it. postgres.js 3.4.9 replayed the old backend's "terminating connection" error
 * onto that query, wrote a transaction's rollback to the closed socket (an uncaught TypeError), and
 * kept its unsent bytes for the next backend; patches/ holds the fix.
 */
describe("a pooled connection whose backend was terminated mid-query", () => {
  const app = connect(process.env.DATABASE_URL!, { max: 1 });
  const admin = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => void uncaught.push(error);
  process.on("uncaughtException", onUncaught);
  afterAll(async () => {
    process.off("uncaughtException", onUncaught);
    await app.sql.end();
    await admin.end();
  });

  async function terminateWhileBusy(work: Promise<unknown>): Promise<string> {
    const outcome = work.then(
      () => "finished",
      (error: { code?: string }) => error.code ?? "error",
    );
    const busy = () =>
      admin`select pid from pg_stat_activity where query like '%pg_sleep(5)%' and pid <> pg_backend_pid()`;
    await expect.poll(async () => (await busy()).length).toBe(1);
    const [{ pid }] = (await busy()) as unknown as [{ pid: number }];
    await admin`select pg_terminate_backend(${pid})`;
    return outcome;
  }

  async function answersFromANewBackend(): Promise<void> {
    expect(await app.sql`select 1 as one`).toEqual([{ one: 1 }]);
    expect(await app.sql`select 2 as two`).toEqual([{ two: 2 }]);
  }

  it("answers the next query from the new backend after a query was cut off", async () => {
    expect(["57P01", "CONNECTION_CLOSED"]).toContain(await terminateWhileBusy(app.sql`select pg_sleep(5)`));
    await answersFromANewBackend();
  });

  it("ends a transaction cut off mid-query with an error, never a hang or an uncaught exception", async () => {
    const transaction = app.sql.begin(async (tx) => tx`select pg_sleep(5)`);
    expect(["57P01", "CONNECTION_CLOSED"]).toContain(await terminateWhileBusy(transaction));
    await answersFromANewBackend();
    await new Promise((resolve) => setImmediate(resolve));
    expect(uncaught).toEqual([]);
  });
});
