import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { reports } from "@/db/schema";
import { newParcelCode } from "@/lib/parcels/code";
import { localizeApiError } from "@/lib/http/api-error-locale";
import ko from "@/lib/i18n/messages/ko.json";
import { randomIp } from "../support/fixtures";
import { HOSTILE_TEXT } from "../support/hostile-text";
import { recipientApi } from "../support/recipient-api";
import { recipientWorld, type RecipientWorld } from "../support/recipient-world";

const reportsOf = (parcelId: string) => getDb().select().from(reports).where(eq(reports.parcelId, parcelId));

describe("reports on a parcel", () => {
  let world: RecipientWorld;
  let parcel: { id: string; code: string };
  beforeAll(async () => {
    world = await recipientWorld();
    parcel = await world.parcel({ status: "in_transit" });
  });

  it("takes a stranger's found report, keeps the contact encrypted, and shows it to the carrier only", async () => {
    const contact = "finder@example.com";
    const body = { kind: "found", place: "1층 우편함 옆", message: "비에 젖지 않게 두었어요", contact };
    const response = await recipientApi.report(parcel.code, { ip: randomIp() }, body);
    expect(response.status).toBe(201);
    const { reference } = await response.json();
    expect(reference).toMatch(/^R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    const [row] = await reportsOf(parcel.id);
    expect(row!.contactCiphertext!.toString("latin1")).not.toContain("finder");
    expect(row!.reporterUserId).toBeNull();

    for (const as of [world.as.admin, world.as.key]) {
      const list = await recipientApi.reports(as);
      expect(list.status).toBe(200);
      const [first] = (await list.json()).reports;
      expect(first).toMatchObject({ reference, kind: "found", code: parcel.code, place: body.place, contact });
    }
    for (const as of [world.as.otherAdmin, world.as.otherKey]) {
      expect(JSON.stringify(await (await recipientApi.reports(as)).json())).not.toContain(reference);
    }
    expect((await recipientApi.reports(world.as.stranger)).status).toBe(401);
    for (const as of [world.as.owner, world.as.courier, world.as.otherRecipient]) {
      expect((await recipientApi.reports(as)).status).toBe(403);
    }
  });

  it("lets only the signed-in owner say not mine or return it, with a reason", async () => {
    const notMine = { kind: "not_mine", message: "주문한 적 없는 상품입니다" };
    for (const as of [world.as.stranger, world.as.otherRecipient, world.as.courier, world.as.admin]) {
      expect((await recipientApi.report(parcel.code, as, notMine)).status).toBe(403);
    }
    const before = (await reportsOf(parcel.id)).length;
    expect((await recipientApi.report(parcel.code, world.as.owner, notMine)).status).toBe(201);
    expect((await recipientApi.report(parcel.code, world.as.owner, { kind: "return", message: "반품" })).status).toBe(
      201,
    );
    const rows = await reportsOf(parcel.id);
    expect(rows).toHaveLength(before + 2);
    expect(rows.every((row) => row.kind === "found" || row.reporterUserId === world.owner.userId)).toBe(true);
  });

  it("refuses bad input with the fields named and stores nothing", async () => {
    const before = (await reportsOf(parcel.id)).length;
    const cases: [unknown, string[]][] = [
      [{ kind: "lost" }, ["kind"]],
      [{ kind: "found", place: "<script>", extra: 1 }, ["body", "place"]],
      [{ kind: "found", message: "x".repeat(501), contact: "" }, ["contact", "message"]],
      [{ kind: "return" }, ["message"]],
      [{ kind: "not_mine", message: "no", contact: "010-1111-2222" }, ["contact"]],
    ];
    for (const [body, fields] of cases) {
      const response = await recipientApi.report(parcel.code, { ip: randomIp() }, body);
      expect(response.status).toBe(400);
      expect(Object.keys((await response.json()).error.fields).sort()).toEqual(fields);
    }
    expect(await reportsOf(parcel.id)).toHaveLength(before);
  });

  it("refuses invisible, direction-changing and filler-only text in place, message and contact, naming the field", async () => {
    const before = (await reportsOf(parcel.id)).length;
    for (const field of ["place", "message", "contact"] as const) {
      for (const [what, value] of Object.entries(HOSTILE_TEXT)) {
        const response = await recipientApi.report(parcel.code, { ip: randomIp() }, { kind: "found", [field]: value });
        expect(response.status, `${field}: ${what}`).toBe(400);
        const korean = await (await localizeApiError(response.clone(), "ko")).json();
        expect(Object.keys(korean.error.fields), `${field}: ${what}`).toEqual([field]);
        expect(korean.error.message).toBe((ko.apiErrors as Record<string, string>)[`invalid_input_${field}`]);
        expect((await response.json()).error.fields[field][0]).toMatch(/invisible|empty/);
      }
    }
    expect(await reportsOf(parcel.id)).toHaveLength(before);
  });

  it("answers an unknown code 404 and throttles one IP well under 30 a minute (429 with Retry-After)", async () => {
    expect((await recipientApi.report(newParcelCode(), {}, { kind: "found" })).status).toBe(404);
    const ip = randomIp();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 30; i++) {
      const response = await recipientApi.report(parcel.code, { ip }, { kind: "found", place: `try ${i}` });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get("retry-after");
    }
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(6);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const stored = (await reportsOf(parcel.id)).filter((row) => row.place?.startsWith("try "));
    expect(stored.length).toBe(statuses.filter((s) => s === 201).length);
  });
});
