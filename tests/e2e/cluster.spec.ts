import { randomInt, randomUUID } from "node:crypto";
import http2 from "node:http2";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { startCluster, type Cluster } from "@/scripts/services/cluster";
import { tlsClient, type TlsClient } from "../support/tls-client";

// Two `next start` replicas behind deploy/nginx/nginx.conf, sharing this run's PostgreSQL and Redis.
const DEMO_KEY = "exq_demo_key";
const ADMIN = { identifier: "admin@exqress.local", password: "admin1234!" };
const WALK = ["picked_up", "in_transit", "out_for_delivery", "delivered"] as const;

let cluster: Cluster;
let edge: TlsClient;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  test.setTimeout(120_000);
  cluster = await startCluster({ ...process.env, RESOLVE_LIMIT_PER_HOUR: "1000000" }, { capture: true });
  edge = tlsClient(cluster.url, cluster.ca);
});
test.afterAll(async () => cluster?.stop());

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

async function register(origin: string, count: number): Promise<string[]> {
  const parcels = Array.from({ length: count }, (_, i) => ({
    recipient: {
      name: "클러스터",
      phone: `010-5${String(i).padStart(3, "0")}-${String(Date.now() % 10_000).padStart(4, "0")}`,
      address: "서울특별시 중구 세종대로 110",
    },
    itemName: "상자",
  }));
  const response = await fetch(
    `${origin}/api/v1/parcels/batch`,
    post({ parcels }, { authorization: `Bearer ${DEMO_KEY}` }),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { parcels: { code: string }[] }).parcels.map((parcel) => parcel.code);
}

async function logIn(origin: string): Promise<string> {
  const response = await fetch(`${origin}/api/auth/login`, post(ADMIN, { origin }));
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

test("the edge speaks HTTP/2 over TLS, compresses, and sets HSTS", async () => {
  const session = http2.connect(cluster.url, { ca: cluster.ca });
  try {
    const status = await new Promise<number>((resolve, reject) => {
      const stream = session.request({ ":path": "/api/health" });
      stream.on("response", (headers) => resolve(Number(headers[":status"])));
      stream.on("error", reject);
      stream.resume();
    });
    expect(status).toBe(200);
    expect(session.alpnProtocol).toBe("h2");
  } finally {
    session.close();
  }
  const page = await edge("/", { headers: { "accept-encoding": "gzip" } });
  expect(page.headers["content-encoding"]).toBe("gzip");
  expect(page.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
  expect((await edge("/api/metrics")).status).toBe(404);
});

test("a session made on replica A works on B; a logout on B ends it on A at once", async () => {
  const [a, b] = cluster.replicas.map((replica) => replica.url) as [string, string];
  const [code] = await register(a, 1);
  const cookie = await logIn(a);
  const onB = await fetch(`${b}/api/v1/parcels/${code}`, { headers: { cookie } });
  expect(onB.status).toBe(200);
  expect(((await onB.json()) as { visibility: string }).visibility).toBe("full");
  expect((await edge(`/api/v1/parcels/${code}`, { headers: { cookie } })).status).toBe(200);

  const logout = await fetch(`${b}/api/auth/logout`, { method: "POST", headers: { cookie, origin: b } });
  expect(logout.status).toBeLessThan(400);
  expect((await fetch(`${a}/api/v1/parcels/${code}`, { headers: { cookie } })).status).toBe(401);
  expect((await edge(`/api/v1/parcels/${code}`, { headers: { cookie } })).status).toBe(401);
});

test("a stranger's page through the edge is kept by each replica, and a change shows on both at once", async () => {
  const [a, b] = cluster.replicas.map((replica) => replica.url) as [string, string];
  const [code] = await register(a, 1);
  const renders = (replica: string) =>
    fetch(`${replica}/api/metrics`)
      .then((scrape) => scrape.text())
      .then((text) => Number(/^exqress_stranger_page_renders_total (\d+)/m.exec(text)?.[1] ?? 0));
  const before = await Promise.all([renders(a), renders(b)]);
  const scans = [];
  for (let i = 0; i < 4; i++) scans.push(await edge(`/p/${code}`)); // nginx takes turns: two each
  for (const scan of scans) {
    expect(scan.status).toBe(200);
    expect(scan.text).toContain('data-status="registered"');
    expect(scan.headers["cache-control"]).toContain("no-store");
  }
  // One render on each replica; each one's second scan was served kept.
  expect(await Promise.all([renders(a), renders(b)])).toEqual(before.map((count) => count + 1));
  const event = await fetch(
    `${a}/api/v1/parcels/${code}/events`,
    post({ status: "picked_up" }, { authorization: `Bearer ${DEMO_KEY}`, "idempotency-key": randomUUID() }),
  );
  expect(event.status).toBe(201);
  for (const replica of [a, b]) {
    expect(await (await fetch(`${replica}/p/${code}`)).text()).toContain('data-status="picked_up"');
  }
});

/** Another client of this machine: a loopback address of its own, never 127.0.0.1 (the proxy's). */
const clientAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
const unknownCode = (i: number) => `7ZZZZZZZZZZZZZZZZZZZZZZZ${String(i).padStart(2, "0")}`;
const forging = (address: string) => ({
  "x-forwarded-for": address,
  "x-real-ip": address,
  forwarded: `for=${address}`,
});

test("behind nginx each client has its own guessing and login budgets, and a forged X-Forwarded-For changes nothing", async () => {
  const [guesser, stranger, forger] = [clientAddress(), clientAddress(), clientAddress()];
  const as = (address: string) => tlsClient(cluster.url, cluster.ca, address);
  // Unknown codes until the guesser's bucket is empty (about 30).
  let guessed = 0;
  for (let status = 404; status !== 429; guessed++) {
    expect(guessed, "the guesser is stopped").toBeLessThan(40);
    status = (await as(guesser)(`/p/${unknownCode(guessed)}`)).status;
    expect([404, 429]).toContain(status);
  }
  expect((await as(guesser)(`/p/${unknownCode(90)}`, { headers: forging(stranger) })).status).toBe(429);
  expect((await as(stranger)(`/p/${unknownCode(91)}`)).status).toBe(404);
  expect((await as(forger)(`/p/${unknownCode(92)}`, { headers: forging(guesser) })).status).toBe(404);

  // Wrong passwords until the guesser's address is locked out of the account.
  const logIn = (address: string, password: string, headers: Record<string, string> = {}) =>
    as(address)("/api/auth/login", post({ ...ADMIN, password }, { origin: cluster.url, ...headers }));
  let failed = 0;
  for (let status = 401; status !== 429; failed++) {
    expect(failed, "the guesser is locked out").toBeLessThan(15);
    status = (await logIn(guesser, "wrong-password")).status;
    expect([401, 429]).toContain(status);
  }
  expect((await logIn(guesser, ADMIN.password, forging(stranger))).status).toBe(429);
  expect((await logIn(forger, "wrong-password", forging(guesser))).status).toBe(401);
  expect((await logIn(stranger, ADMIN.password)).status).toBe(200);
});

test("SIGKILL of replica A under load loses no acknowledged status update", async () => {
  test.setTimeout(180_000);
  const [a] = cluster.replicas as [Cluster["replicas"][number]];
  const codes = await register(cluster.replicas[1]!.url, 150);
  const acknowledged: { code: string; status: string }[] = [];
  let failures = 0;
  let sent = 0;
  const killAfter = Math.floor((codes.length * WALK.length) / 3);
  const queue = [...codes];
  // Like the courier's outbox: each update keeps its Idempotency-Key until it is acknowledged.
  const worker = async () => {
    for (let code = queue.shift(); code; code = queue.shift()) {
      for (const status of WALK) {
        const key = randomUUID();
        for (let attempt = 0; attempt < 10; attempt += 1) {
          sent += 1;
          if (sent === killAfter) a.child.kill("SIGKILL");
          const answer = await edge(
            `/api/v1/parcels/${code}/events`,
            post(
              { status },
              {
                authorization: `Bearer ${DEMO_KEY}`,
                "idempotency-key": key,
              },
            ),
          ).catch(() => ({ status: 0 }));
          if (answer.status === 201) {
            acknowledged.push({ code, status });
            break;
          }
          failures += 1;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: 12 }, worker));
  expect(a.child.signalCode).toBe("SIGKILL");

  const sql = postgres(process.env.DATABASE_URL!, { max: 1 });
  try {
    const rows = await sql<{ code: string; status: string }[]>`
      select p.code, e.status from parcel_events e join parcels p on p.id = e.parcel_id where p.code = any(${codes})`;
    const stored = new Set(rows.map((row) => `${row.code}:${row.status}`));
    const missing = acknowledged.filter((event) => !stored.has(`${event.code}:${event.status}`));
    expect(missing).toEqual([]);
    // Retried updates were recorded once: as many events as acknowledgements.
    expect(rows).toHaveLength(acknowledged.length);
    expect(acknowledged).toHaveLength(codes.length * WALK.length);
    console.log(
      `[cluster] ${acknowledged.length} acknowledged, ${rows.length} stored, ${failures} failed attempts retried`,
    );
  } finally {
    await sql.end();
  }
});
