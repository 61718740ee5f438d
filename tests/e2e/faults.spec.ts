import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { startEmbeddedPostgres } from "@/scripts/services/embedded-postgres";
import { startNextServer, type NextServer } from "@/scripts/services/next-server";
import { startPrivateRedis } from "@/scripts/services/private-redis";

// A replica on a PostgreSQL or Redis of its own, which a test stops and starts again under load.
const DEMO_KEY = "exq_demo_key";
const WALK = ["picked_up", "in_transit", "out_for_delivery", "delivered"] as const;
const OUTAGE_MS = 3_000;

const post = (body: unknown, headers: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `exqress-fault-${label}-`));
  fs.chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the postgres user
  return dir;
}

async function prepare(server: NextServer) {
  const login = await fetch(
    `${server.url}/api/auth/login`,
    post({ identifier: "admin@exqress.local", password: "admin1234!" }, { origin: server.url }),
  );
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const stamp = String(Date.now() % 10_000).padStart(4, "0");
  const parcels = Array.from({ length: 40 }, (_, i) => ({
    recipient: {
      name: "장애",
      phone: `010-7${String(i).padStart(3, "0")}-${stamp}`,
      address: "부산광역시 중구 중앙대로 1",
    },
    itemName: "상자",
  }));
  const auth = { authorization: `Bearer ${DEMO_KEY}` };
  const batch = await fetch(`${server.url}/api/v1/parcels/batch`, post({ parcels }, auth));
  expect(batch.status).toBe(201);
  const codes = ((await batch.json()) as { parcels: { code: string }[] }).parcels.map((p) => p.code);
  return { cookie, codes };
}

/**
 * Status updates (retried with their Idempotency-Key, as the courier's outbox does) and
 * session checks, while `outage` stops the dependency and `restore` starts it again.
 */
async function underLoad(
  server: NextServer,
  databaseUrl: string,
  outage: () => Promise<void>,
  restore: () => Promise<void>,
) {
  const { cookie, codes } = await prepare(server);
  const statuses = new Map<number, number>();
  const acknowledged: string[] = [];
  let restoredAt = 0;
  let recoveredAt = 0;
  let running = true;
  const serverErrors: string[] = [];
  const probe = (async () => {
    while (running) {
      const answer = await fetch(`${server.url}/api/v1/parcels/${codes[0]}`, { headers: { cookie } }).catch(() => null);
      const status = answer?.status ?? 0;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === 500)
        serverErrors.push(
          server
            .output()
            .split("\n")
            .filter((l) => l.includes("⨯"))
            .slice(-2)
            .join("\n"),
        );
      if (restoredAt && !recoveredAt && status === 200) recoveredAt = Date.now();
      await sleep(50);
    }
  })();
  const queue = [...codes];
  let refusedWrites = 0;
  const writer = async () => {
    for (let code = queue.shift(); code; code = queue.shift()) {
      for (const status of WALK) {
        const key = randomUUID();
        for (;;) {
          const answer = await fetch(
            `${server.url}/api/v1/parcels/${code}/events`,
            post({ status }, { authorization: `Bearer ${DEMO_KEY}`, "idempotency-key": key }),
          ).catch(() => null);
          if (answer?.status === 201) break;
          expect([503, 0], await answer?.text()).toContain(answer?.status ?? 0);
          refusedWrites += 1;
          await sleep(200);
        }
        acknowledged.push(`${code}:${status}`);
      }
    }
  };
  const writers = Promise.all(Array.from({ length: 6 }, writer));
  await sleep(1_500);
  const downAt = Date.now();
  await outage();
  await sleep(OUTAGE_MS);
  await restore();
  restoredAt = Date.now();
  await writers;
  await expect.poll(() => recoveredAt, { timeout: 30_000 }).toBeGreaterThan(0);
  running = false;
  await probe;

  // A session is never taken for logged out because a dependency was away, and the outage showed.
  expect(statuses.get(401) ?? 0).toBe(0);
  expect(statuses.get(500) ?? 0, serverErrors.join("\n").slice(0, 2000)).toBe(0);
  expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
  const sql = postgres(databaseUrl, { max: 1 });
  try {
    const rows = await sql<{ code: string; status: string }[]>`
      select p.code, e.status from parcel_events e join parcels p on p.id = e.parcel_id where p.code = any(${codes})`;
    expect(rows.map((row) => `${row.code}:${row.status}`).sort()).toEqual([...acknowledged].sort());
    expect(acknowledged).toHaveLength(codes.length * WALK.length);
  } finally {
    await sql.end();
  }
  const summary = [...statuses].map(([status, n]) => `${status}×${n}`).join(" ");
  return `down ${restoredAt - downAt} ms; session checks ${summary}; ${refusedWrites} refused write attempts retried; recovered ${recoveredAt - restoredAt} ms after the restart; ${acknowledged.length} updates acknowledged, each stored once`;
}

test("Redis restarted under load: 503 while it is down, recovery by itself, no acknowledged write lost", async () => {
  test.setTimeout(240_000);
  const dir = tempDir("redis");
  let redis = await startPrivateRedis({ dataDir: dir, persistent: true });
  const env = { ...process.env, REDIS_URL: redis.url, RESOLVE_LIMIT_PER_HOUR: "1000000" };
  const server = await startNextServer({ env, capture: true });
  try {
    const figures = await underLoad(
      server,
      process.env.DATABASE_URL!,
      () => redis.stop(),
      async () => void (redis = await startPrivateRedis({ dataDir: dir, persistent: true, port: redis.port })),
    );
    console.log(`[faults] Redis ${figures}`);
  } finally {
    await server.stop();
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("PostgreSQL restarted under load: 503 while it is down, recovery by itself, no acknowledged write lost", async () => {
  test.setTimeout(300_000);
  const dir = tempDir("pg");
  let pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), persistent: true });
  const port = Number(new URL(pg.url).port);
  const env = { ...process.env, DATABASE_URL: pg.url, RESOLVE_LIMIT_PER_HOUR: "1000000" };
  execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "tests/support/prepare-demo-database.ts"], {
    env,
    stdio: "inherit",
  });
  const server = await startNextServer({ env, capture: true });
  try {
    const figures = await underLoad(
      server,
      pg.url,
      () => pg.stop(),
      async () => void (pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), persistent: true, port })),
    );
    console.log(`[faults] PostgreSQL ${figures}`);
  } finally {
    await server.stop();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
