import { desc, eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, carriers, parcels, postalRules, users } from "@/db/schema";
import { authenticateApiKey, API_KEY_CACHE_MS } from "@/lib/api-keys/authenticate";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/manage";
import { loadCarrierSettings, saveCarrierSettings } from "@/lib/carrier-settings/settings";
import { env } from "@/lib/config/env";
import { processImport } from "@/lib/imports/process";
import { storeImport } from "@/lib/imports/store";
import { purgeExpiredPersonalData } from "@/lib/parcels/purge";
import { registerParcels } from "@/lib/parcels/register";
import { courierForPostalCode } from "@/lib/postal-rules/match";
import { deletePostalRule, listPostalRules, savePostalRule } from "@/lib/postal-rules/rules";
import { appDeps } from "@/lib/runtime/app-deps";
import { body, HEADER_EN } from "../support/csv";
import { createCarrier, createParcel, createStaff, parcelInput, randomIp, uniquePhone } from "../support/fixtures";

const withPostal = (postalCode?: string) => {
  const input = parcelInput();
  return { ...input, recipient: { ...input.recipient, postalCode } };
};
const couriersOf = async (codes: string[]) => {
  const rows = await getDb()
    .select({ code: parcels.code, courierId: parcels.courierId })
    .from(parcels)
    .where(inArray(parcels.code, codes));
  const byCode = new Map(rows.map((row) => [row.code, row.courierId]));
  return codes.map((code) => byCode.get(code) ?? null);
};

describe("postal-code rules", () => {
  it("the longest matching prefix wins", () => {
    const rules = [
      { prefix: "1", courierId: "one" },
      { prefix: "116", courierId: "one-sixteen" },
      { prefix: "11657", courierId: "exact" },
    ];
    expect(courierForPostalCode(rules, "11657")).toBe("exact");
    expect(courierForPostalCode(rules, "11658")).toBe("one-sixteen");
    expect(courierForPostalCode(rules, "12000")).toBe("one");
    expect(courierForPostalCode(rules, "21657")).toBeNull();
    expect(courierForPostalCode(rules, undefined)).toBeNull();
  });

  it("assign new parcels (registerParcels: the API's single and batch routes) and imported ones; a disabled courier's rule is skipped", async () => {
    const carrier = (await createCarrier()).id;
    const [broad, narrow, gone] = [
      await createStaff("courier", carrier),
      await createStaff("courier", carrier),
      await createStaff("courier", carrier),
    ];
    for (const [prefix, courier] of [
      ["1", broad],
      ["116", narrow],
      ["3", gone],
    ] as const) {
      expect((await savePostalRule(getDb(), carrier, { prefix, courierId: courier.userId })).ok).toBe(true);
    }
    await getDb().update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.userId));
    const batch = await registerParcels(
      getDb(),
      { carrierId: carrier },
      [withPostal("11657"), withPostal("12345"), withPostal("99999"), withPostal(undefined), withPostal("30000")],
      env(),
    );
    expect(await couriersOf(batch.map((p) => p.code))).toEqual([narrow.userId, broad.userId, null, null, null]);

    const csv = `${HEADER_EN}\n홍길동,${uniquePhone()},경기도 의정부시 오목로 1,,11600,,,IMP-1\n`;
    const importId = await storeImport(appDeps(), { carrierId: carrier }, body(csv), { mode: "all" });
    await processImport(appDeps(), importId);
    const [imported] = await getDb()
      .select()
      .from(parcels)
      .where(eq(parcels.carrierId, carrier))
      .orderBy(desc(parcels.createdAt))
      .limit(1);
    expect(imported?.courierId).toBe(narrow.userId);
  });

  it("are the carrier's own: B cannot use A's courier, see, change or delete A's rules", async () => {
    const [a, b] = [(await createCarrier()).id, (await createCarrier()).id];
    const courierA = await createStaff("courier", a);
    const courierB = await createStaff("courier", b);
    const saved = await savePostalRule(getDb(), a, { prefix: "116", courierId: courierA.userId });
    const ruleId = saved.ok ? saved.data.id : "";
    expect((await savePostalRule(getDb(), b, { prefix: "1", courierId: courierA.userId })).ok).toBe(false);
    expect(await listPostalRules(getDb(), b)).toEqual([]);
    expect((await deletePostalRule(getDb(), b, ruleId)).ok).toBe(false);
    // B's own rule for the same prefix is B's; A's rule still names A's courier.
    expect((await savePostalRule(getDb(), b, { prefix: "116", courierId: courierB.userId })).ok).toBe(true);
    const [rule] = await getDb().select().from(postalRules).where(eq(postalRules.id, ruleId));
    expect(rule?.courierId).toBe(courierA.userId);
    // A parcel of B is never assigned by A's rules.
    const [theirs] = await registerParcels(getDb(), { carrierId: b }, [withPostal("11657")], env());
    expect(await couriersOf([theirs!.code])).toEqual([courierB.userId]);
    expect((await deletePostalRule(getDb(), a, ruleId)).ok).toBe(true);
  });
});

describe("API keys in the console", () => {
  afterEach(() => vi.restoreAllMocks());

  it("shows a key once, stores it hashed, records its last use, and revoking stops it within the cache time", async () => {
    const carrier = (await createCarrier()).id;
    const created = await createApiKey(getDb(), carrier, { name: "warehouse", scopes: ["parcels:read"] });
    if (!created.ok) throw new Error("not created");
    const { key, id } = created.data;
    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row!.keyHash).not.toContain(key);
    expect(row!.scopes).toEqual(["parcels:read"]);
    expect(JSON.stringify(await listApiKeys(getDb(), carrier))).not.toContain(key);
    const auth = () => authenticateApiKey(appDeps(), `Bearer ${key}`, randomIp());
    expect((await auth()).ok).toBe(true);
    expect((await listApiKeys(getDb(), carrier))[0]!.lastUsedAt).not.toBeNull();

    expect(await revokeApiKey(getDb(), carrier, id)).toEqual({ ok: true, data: null });
    // This process saw it valid a moment ago: the documented cache time, then it stops.
    expect((await auth()).ok).toBe(true);
    const later = Date.now() + API_KEY_CACHE_MS + 1;
    vi.spyOn(Date, "now").mockReturnValue(later);
    expect(await auth()).toEqual({ ok: false, reason: "invalid" });
  });

  it("an admin of carrier B cannot list or revoke A's keys", async () => {
    const [a, b] = [(await createCarrier()).id, (await createCarrier()).id];
    const created = await createApiKey(getDb(), a, { name: "A's key", scopes: ["parcels:read"] });
    if (!created.ok) throw new Error("not created");
    expect(await listApiKeys(getDb(), b)).toEqual([]);
    expect((await revokeApiKey(getDb(), b, created.data.id)).ok).toBe(false);
    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, created.data.id));
    expect(row!.revokedAt).toBeNull();
    expect((await authenticateApiKey(appDeps(), `Bearer ${created.data.key}`, randomIp())).ok).toBe(true);
  });
});

describe("carrier settings", () => {
  const deps = () => ({ db: getDb(), config: env() });

  it("refuse retention outside 1..PII_RETENTION_DAYS, field by field, and change only the admin's carrier", async () => {
    const [a, b] = [(await createCarrier()).id, (await createCarrier()).id];
    const max = env().PII_RETENTION_DAYS;
    const tooLong = await saveCarrierSettings(deps(), a, {
      proofDefault: "photo",
      selfClaim: true,
      retentionDays: max + 1,
    });
    expect(tooLong.ok ? null : Object.keys(tooLong.error.fields ?? {})).toEqual(["retentionDays"]);
    expect(await saveCarrierSettings(deps(), a, { proofDefault: "both", selfClaim: true, retentionDays: 7 })).toEqual({
      ok: true,
      data: null,
    });
    expect(await loadCarrierSettings(getDb(), a)).toMatchObject({
      proofDefault: "both",
      selfClaim: true,
      retentionDays: 7,
    });
    // B's admin saves B's settings: the carrier comes from the session, so A's stay as they were.
    await saveCarrierSettings(deps(), b, { proofDefault: "none", selfClaim: false, retentionDays: null });
    expect(await loadCarrierSettings(getDb(), a)).toMatchObject({
      proofDefault: "both",
      selfClaim: true,
      retentionDays: 7,
    });
  });

  it("a default that now asks for a PIN draws one for assigned, active parcels that have none", async () => {
    const carrier = (await createCarrier()).id;
    const courier = await createStaff("courier", carrier);
    const active = await createParcel(carrier, parcelInput(), { status: "picked_up", courierId: courier.userId });
    const waiting = await createParcel(carrier, parcelInput(), { status: "registered" });
    expect(active.pinCiphertext).toBeNull();
    await saveCarrierSettings(deps(), carrier, { proofDefault: "pin", selfClaim: false, retentionDays: null });
    const rows = await getDb()
      .select()
      .from(parcels)
      .where(inArray(parcels.id, [active.id, waiting.id]));
    const pins = new Map(rows.map((row) => [row.id, row.pinCiphertext !== null]));
    expect(pins.get(active.id)).toBe(true);
    // An unassigned parcel gets its PIN when it is assigned.
    expect(pins.get(waiting.id)).toBe(false);
  });

  it("the purge uses a carrier's shorter retention, and the server's for the others", async () => {
    const [short, standard] = [(await createCarrier()).id, (await createCarrier()).id];
    await getDb().update(carriers).set({ retentionDays: 5 }).where(eq(carriers.id, short));
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    const delivered = { status: "delivered" as const, deliveredAt: tenDaysAgo };
    const [p1, p2] = [
      await createParcel(short, parcelInput(), delivered),
      await createParcel(standard, parcelInput(), delivered),
    ];
    await purgeExpiredPersonalData(getDb(), { retentionDays: 30 });
    const rows = await getDb()
      .select()
      .from(parcels)
      .where(inArray(parcels.id, [p1.id, p2.id]));
    const purged = new Map(rows.map((row) => [row.id, row.piiCiphertext === null]));
    expect(purged.get(p1.id)).toBe(true);
    expect(purged.get(p2.id)).toBe(false);
  });
});
