import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startNextServer, type NextServer } from "@/scripts/services/next-server";

// A replica of its own (the build the webServer made), so its log lines and signals are ours to read.
const METRICS_TOKEN = randomBytes(24).toString("base64url");
const DEMO_KEY = "exq_demo_key";
const digits = () => String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, "0");
const SYLLABLES = "가나다라마바사아자차카타파하";
const hangul = (length: number) =>
  Array.from(randomBytes(length), (byte) => SYLLABLES[byte % SYLLABLES.length]).join("");

let server: NextServer;

test.beforeAll(async () => {
  server = await startNextServer({ env: { ...process.env, METRICS_TOKEN, SHUTDOWN_DRAIN_MS: "5000" }, capture: true });
});
test.afterAll(async () => server?.stop());

function recipient() {
  const number = digits();
  return {
    name: `관측${hangul(4)}`,
    phone: `010-${number.slice(0, 4)}-${number.slice(4)}`,
    address: `서울특별시 관측구 비밀로 ${Number(number.slice(0, 3))}`,
    addressDetail: `${Number(number.slice(3, 6))}호`,
    postalCode: "04524",
  };
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

test("metrics and request logs after real traffic hold no code, name, phone, address or secret", async () => {
  const person = recipient();
  const auth = { authorization: `Bearer ${DEMO_KEY}` };
  const registered = await fetch(
    `${server.url}/api/v1/parcels`,
    json({ recipient: person, itemName: "관측 상자" }, auth),
  );
  expect(registered.status, await registered.clone().text()).toBe(201);
  const { code } = (await registered.json()) as { code: string };
  // A failed registration: the same person, an impossible postal code.
  const refused = await fetch(
    `${server.url}/api/v1/parcels`,
    json({ recipient: { ...person, postalCode: "x" } }, auth),
  );
  expect(refused.status).toBe(400);

  const login = { identifier: "admin@exqress.local", password: "admin1234!" };
  const origin = { origin: server.url };
  const wrong = await fetch(`${server.url}/api/auth/login`, json({ ...login, password: "wrong-password" }, origin));
  expect(wrong.status).toBe(401);
  const ok = await fetch(`${server.url}/api/auth/login`, json(login, origin));
  expect(ok.status).toBe(200);
  const cookie = ok.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const full = await fetch(`${server.url}/api/v1/parcels/${code}`, { headers: { cookie } });
  expect(((await full.json()) as { visibility: string }).visibility).toBe("full");
  // A stranger's page: the masked view.
  expect((await fetch(`${server.url}/p/${code}`)).status).toBe(200);
  expect((await fetch(`${server.url}/api/v1/parcels/${code}x`, { headers: auth })).status).toBe(404);

  expect((await fetch(`${server.url}/api/metrics`)).status).toBe(401);
  const wrongToken = { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } };
  expect((await fetch(`${server.url}/api/metrics`, wrongToken)).status).toBe(401);
  const scrape = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(scrape.status).toBe(200);
  const text = await scrape.text();
  for (const series of [
    /exqress_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/parcels\/\[code\]",status="200"\} [1-9]/,
    /exqress_http_request_duration_seconds_count\{method="GET",route="\/p\/\[code\]",status="200"\} [1-9]/,
    /exqress_parcel_resolves_total\{outcome="full"\} [1-9]/,
    /exqress_parcel_resolves_total\{outcome="masked"\} [1-9]/,
    /exqress_parcel_resolves_total\{outcome="not_found"\} [1-9]/,
    /exqress_disclosures_total\{viewer_role="admin"\} [1-9]/,
    /exqress_logins_total\{outcome="ok"\} [1-9]/,
    /exqress_logins_total\{outcome="failed"\} [1-9]/,
    /exqress_postgres_up 1/,
    /exqress_postgres_pool_connections\{state="active"\} [1-9]/,
    /exqress_redis_connection_state\{state="ready"\} 1/,
  ]) {
    expect(text).toMatch(series);
  }

  const token = cookie.split("=").slice(1).join("=");
  const secrets = [code, person.name, person.phone, person.phone.replaceAll("-", ""), person.address, token];
  secrets.push(person.addressDetail, login.password, "wrong-password", DEMO_KEY, METRICS_TOKEN);
  const logs = server.output();
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    expect(logs).not.toContain(secret);
  }
  const lines = logs
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { msg: string; reqId?: string; route?: string });
  const requests = lines.filter((line) => line.msg === "request");
  expect(requests.length).toBeGreaterThanOrEqual(9);
  expect(requests.every((line) => typeof line.reqId === "string" && line.reqId.length >= 8)).toBe(true);
  expect(requests.map((line) => line.route)).toContain("/api/v1/parcels/[code]");
});

test("SIGTERM: readiness turns 503 first, requests in flight complete, then the process exits", async () => {
  const parcels = Array.from({ length: 1500 }, () => ({ recipient: recipient(), itemName: "상자" }));
  const auth = { authorization: `Bearer ${DEMO_KEY}` };
  const inFlight = [
    fetch(`${server.url}/api/v1/parcels/batch`, json({ parcels }, auth)),
    ...Array.from({ length: 4 }, () =>
      fetch(
        `${server.url}/api/auth/login`,
        json({ identifier: "admin@exqress.local", password: "admin1234!" }, { origin: server.url }),
      ),
    ),
  ];
  await new Promise((resolve) => setTimeout(resolve, 150));
  const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
  server.child.kill("SIGTERM");
  await expect.poll(() => server.output().includes("shutdown: readiness now 503")).toBe(true);
  expect((await fetch(`${server.url}/api/ready`)).status).toBe(503);
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  const [batch, ...logins] = await Promise.all(inFlight);
  expect(batch!.status).toBe(201);
  expect(((await batch!.json()) as { parcels: unknown[] }).parcels).toHaveLength(1500);
  for (const login of logins) expect(login.status).toBe(200);
  expect(await exited).toBe(0);
  const shutdown = server
    .output()
    .split("\n")
    .filter((line) => line.includes('"msg":"shutdown:'))
    .map((line) => JSON.parse(line) as { msg: string; inFlight: number; finished?: boolean });
  // The batch and the logins were still being answered when the signal came, and all finished.
  expect(shutdown[0]).toMatchObject({ msg: "shutdown: readiness now 503" });
  expect(shutdown[0]!.inFlight).toBeGreaterThanOrEqual(1);
  expect(shutdown[1]).toMatchObject({ finished: true, inFlight: 0 });
});
