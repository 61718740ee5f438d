import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { webhookEndpoints } from "@/db/schema";
import { localizeApiError } from "@/lib/http/api-error-locale";
import { GET as openapiRoute } from "@/app/api/openapi.json/route";
import { createApiKey, createCarrier, createStaff } from "../support/fixtures";
import { cookieFor, recipientApi } from "../support/recipient-api";
import { recipientWorld } from "../support/recipient-world";
import { setAllowPrivate, webhookApi } from "../support/webhook-receiver";

const EVENTS = ["parcel.status_changed"];

describe("API key scopes", () => {
  it("refuses a key without `webhooks` on every webhook route, naming the scope in the reader's language", async () => {
    const carrier = await createCarrier();
    const { key } = await createApiKey(carrier.id, ["parcels:write", "parcels:read", "labels", "reports:read"]);
    const responses = [
      await webhookApi.list({ key }),
      await webhookApi.create({ key }, { url: "https://example.com/hook", events: EVENTS }),
      await webhookApi.remove({ key }, "00000000-0000-4000-8000-000000000000"),
    ];
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect((await response.clone().json()).error).toMatchObject({ code: "insufficient_scope", scope: "webhooks" });
      expect((await (await localizeApiError(response, "ko")).json()).error.message).toContain('"webhooks" 권한');
    }
    expect(await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.carrierId, carrier.id))).toEqual([]);
  });

  it("shows a finder's contact only to a key with `reports:read` and to the carrier's admins", async () => {
    const world = await recipientWorld();
    const parcel = await world.parcel({ status: "in_transit" });
    const contact = "finder-scope@example.com";
    const report = await recipientApi.report(parcel.code, {}, { kind: "found", contact });
    expect(report.status).toBe(201);
    const narrow = await createApiKey(world.carrier.id, ["parcels:write", "parcels:read", "labels", "webhooks"]);
    const refused = await recipientApi.reports({ key: narrow.key });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain(contact);
    // Nor does any other route a narrow key may call carry it.
    for (const response of [
      await recipientApi.resolve(parcel.code, { key: narrow.key }),
      await webhookApi.list(narrow),
    ]) {
      expect(await response.text()).not.toContain(contact);
    }
    for (const as of [world.as.key, world.as.admin]) {
      expect(await (await recipientApi.reports(as)).text()).toContain(contact);
    }
  });

  it("states each route's scope in the OpenAPI document", async () => {
    const document = await (await openapiRoute()).json();
    expect(document.paths["/api/v1/webhooks"].post.security).toEqual([{ apiKey: ["webhooks"] }, { session: [] }]);
    expect(document.paths["/api/v1/reports"].get.security).toEqual([{ apiKey: ["reports:read"] }, { session: [] }]);
    expect(document.paths["/api/v1/parcels"].post.security).toEqual([{ apiKey: ["parcels:write"] }]);
  });
});

describe("webhook endpoints API", () => {
  beforeAll(() => setAllowPrivate(false));
  afterAll(() => setAllowPrivate(false));

  it("refuses private, loopback and link-local targets without WEBHOOK_ALLOW_PRIVATE", async () => {
    const { key } = await createApiKey((await createCarrier()).id);
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "https://127.0.0.1/hook",
      "https://localhost/hook",
      "https://[::1]/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://10.0.0.8/hook",
      "https://user:secret@example.com/hook",
    ]) {
      const response = await webhookApi.create({ key }, { url, events: EVENTS });
      expect(response.status, url).toBe(400);
      expect((await response.json()).error.fields.url).toHaveLength(1);
    }
  });

  it("registers with a key, shows the secret once (stored encrypted), lists without it, and keeps carriers apart", async () => {
    setAllowPrivate(true);
    const [carrier, other] = [await createCarrier(), await createCarrier()];
    const { key } = await createApiKey(carrier.id, ["webhooks"]);
    const { key: otherKey } = await createApiKey(other.id, ["webhooks"]);
    const created = await webhookApi.create({ key }, { url: "http://127.0.0.1:9/hook", events: EVENTS });
    expect(created.status).toBe(201);
    const { id, secret } = await created.json();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const [row] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(row!.secretCiphertext.toString("latin1")).not.toContain(secret.slice(6));

    const admin = await createStaff("admin", carrier.id);
    for (const who of [{ key }, { cookie: await cookieFor(admin) }]) {
      const listed = await webhookApi.list(who);
      const text = await listed.text();
      expect(text).not.toContain(secret.slice(6));
      expect(JSON.parse(text).webhooks).toMatchObject([{ id, url: "http://127.0.0.1:9/hook", events: EVENTS }]);
    }
    expect((await (await webhookApi.list({ key: otherKey })).json()).webhooks).toEqual([]);
    expect((await webhookApi.remove({ key: otherKey }, id)).status).toBe(404);
    expect(await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id))).toHaveLength(1);
    expect((await webhookApi.remove({ key }, id)).status).toBe(204);
    expect(await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id))).toEqual([]);
  });
});
