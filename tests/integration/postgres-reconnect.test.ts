import net from "node:net";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "@/db/client";
import { testServerUrl } from "../support/services";

/**
 * A PostgreSQL restart or failover ends every backend, also in the middle of a query or a
 * transaction. The pool's connection then reconnects, and the first query on the new backend must
 * be answered by it. Unpatched, postgres.js 3.4.9 replays the old backend's "terminating connection"
 * error onto that query, writes a transaction's rollback to the closed socket (an uncaught
 * TypeError), and keeps its unsent bytes for the next backend; patches/ holds the fix.
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

/** A TCP door to the test's PostgreSQL that can be shut (every connection cut, new ones refused) and opened again. */
async function doorToPostgres(target: URL) {
  const open = new Set<net.Socket>();
  const door = net.createServer((client) => {
    const server = net.connect(Number(target.port || 5432), target.hostname);
    client.pipe(server).pipe(client);
    const end = () => (client.destroy(), server.destroy(), open.delete(client));
    client.on("error", end).on("close", end);
    server.on("error", end).on("close", end);
    open.add(client);
  });
  const listen = (port: number) =>
    new Promise<number>((resolve) =>
      door.listen(port, "127.0.0.1", () => resolve((door.address() as net.AddressInfo).port)),
    );
  const port = await listen(0);
  const stop = () => new Promise<void>((resolve) => (door.listening ? door.close(() => resolve()) : resolve()));
  return {
    port,
    shut: async () => {
      const closing = stop();
      for (const socket of open) socket.destroy();
      await closing;
    },
    reopen: () => listen(port),
    stop,
  };
}

describe("the pool after PostgreSQL was unreachable for a while", () => {
  it("reconnects as soon as it is back, however many attempts failed meanwhile", async () => {
    const target = new URL(process.env.DATABASE_URL!);
    const door = await doorToPostgres(target);
    const throughDoor = new URL(target);
    throughDoor.port = String(door.port);
    const app = connect(throughDoor.toString(), { max: 4 });
    try {
      expect(await app.sql`select 1 as one`).toEqual([{ one: 1 }]);
      await door.shut();
      // A busy server's requests during the outage: every one fails, and each failure counts.
      for (let round = 0; round < 10; round++) {
        await Promise.allSettled(Array.from({ length: 4 }, () => app.sql`select 1`));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await door.reopen();
      const after = await Promise.allSettled(Array.from({ length: 4 }, () => app.sql`select 1 as one`));
      expect(after.map((result) => (result.status === "fulfilled" ? "ok" : String(result.reason)))).toEqual([
        "ok",
        "ok",
        "ok",
        "ok",
      ]);
    } finally {
      await app.sql.end({ timeout: 1 }).catch(() => {});
      await door.stop();
    }
  });
});
