import { execFileSync } from "node:child_process";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import postgres from "postgres";
import { startPrimaryWithReplica, type PrimaryWithReplica } from "../support/postgres-replica";
import { startExtraServer } from "./support/extra-server";

// A server whose DATABASE_URL is a primary and DATABASE_READ_URL a streaming replica of it. With
// the replica's replay paused, what a page or list shows tells which database answered.
const RECIPIENT = { identifier: "010-0000-0001", password: "recipient1234!" };
const ADMIN = { identifier: "admin@exqress.local", password: "admin1234!" };

let databases: PrimaryWithReplica;
let server: { url: string; stop: () => Promise<void> };

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  databases = await startPrimaryWithReplica();
  execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "tests/support/prepare-demo-database.ts"], {
    env: { ...process.env, DATABASE_URL: databases.primaryUrl },
    stdio: "inherit",
  });
  await databases.caughtUp();
  server = await startExtraServer({ DATABASE_URL: databases.primaryUrl, DATABASE_READ_URL: databases.replicaUrl });
});
test.afterAll(async () => {
  await server?.stop();
  await databases?.stop();
});

async function signIn(who: typeof RECIPIENT) {
  const context = await request.newContext({ baseURL: server.url });
  const response = await context.post("/api/auth/login", { headers: { origin: server.url }, data: who });
  expect(response.status()).toBe(200);
  return context;
}

async function registerForDemoRecipient(): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/parcels`, {
    method: "POST",
    headers: { authorization: "Bearer exq_demo_key", "content-type": "application/json" },
    body: JSON.stringify({
      recipient: { name: "복제 확인", phone: "010-0000-0001", address: "서울특별시 중구 세종대로 110" },
      itemName: "책",
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { code: string }).code;
}

const myCodes = async (recipient: APIRequestContext) =>
  ((await (await recipient.get("/api/v1/me/parcels")).json()) as { parcels: { code: string }[] }).parcels.map(
    (parcel) => parcel.code,
  );

test("lists read from DATABASE_READ_URL, and what decides access reads from DATABASE_URL", async () => {
  const recipient = await signIn(RECIPIENT);
  const admin = await signIn(ADMIN);
  const primary = postgres(databases.primaryUrl, { max: 1 });
  try {
    await databases.pauseReplay();
    const code = await registerForDemoRecipient();
    expect(await primary`select 1 from parcels where code = ${code}`).toHaveLength(1);

    // The replica has not applied the registration: the lists do not have the parcel yet.
    expect(await myCodes(recipient)).not.toContain(code);
    expect(await (await recipient.get("/parcels")).text()).not.toContain(code);
    expect(await (await admin.get("/admin/parcels")).text()).not.toContain(code);
    // Ownership is decided on the primary, so the owner's page opens at once.
    const ownerPage = await recipient.get(`/p/${code}`);
    expect(ownerPage.status()).toBe(200);
    expect(await ownerPage.text()).toContain("owner-timeline-title");

    await databases.resumeReplay();
    await databases.caughtUp();
    expect(await myCodes(recipient)).toContain(code);
    expect(await (await admin.get("/admin/parcels")).text()).toContain(code);
  } finally {
    await primary.end();
    await Promise.all([recipient.dispose(), admin.dispose()]);
  }
});
