import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "@/db/client";
import { testServerUrl } from "../support/services";

/**
 * A PostgreSQL restart or failover ends every backend, also in the middle of a query. The pool's
 * connection then reconnects, and the first query on the new backend must be answered by it: it
 * must not fail with the old backend's "terminating connection" error (postgres.js 3.4.9 kept
 * that error and replayed it, so every pooled connection failed one request after recovery;
 * patches/ holds the fix).
 */
describe("a pooled connection whose backend was terminated mid-query", () => {
  const app = connect(process.env.DATABASE_URL!, { max: 1 });
  const admin = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
  afterAll(async () => {
    await app.sql.end();
    await admin.end();
  });

  it("answers the next query from the new backend", async () => {
    const [before] = await app.sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    if (!before) throw new Error("no backend pid");
    const { pid } = before;
    const running = app.sql`select pg_sleep(5)`.then(
      () => "finished",
      (error: { code?: string }) => error.code ?? "error",
    );
    await expect
      .poll(async () => (await admin`select 1 from pg_stat_activity where pid = ${pid} and state = 'active'`).length)
      .toBe(1);
    await admin`select pg_terminate_backend(${pid})`;
    expect(["57P01", "CONNECTION_CLOSED"]).toContain(await running);

    const [after] = await app.sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    expect(after?.pid).not.toBe(pid);
    expect(await app.sql`select 1 as one`).toEqual([{ one: 1 }]);
  });
});
