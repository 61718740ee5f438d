import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { messages, parcels, reports, users } from "@/db/schema";
import { deleteRecipientAccount } from "@/lib/account/delete-account";
import type { SessionUser } from "@/lib/core/session-user";
import { hashPassword } from "@/lib/auth/password";
import { getRedis } from "@/lib/redis/client";
import { meta } from "../support/fixtures";
import { recipientApi } from "../support/recipient-api";
import { recipientWorld, type RecipientWorld } from "../support/recipient-world";

const PASSWORD = "delete-me-1234!";
const deps = () => ({ db: getDb(), redis: getRedis() });
const asUser = (user: { userId: string; phoneHash: string }): SessionUser => ({
  jti: "test",
  userId: user.userId,
  role: "recipient",
  carrierId: null,
  phoneHash: user.phoneHash,
});

describe("a recipient deletes their account", () => {
  let world: RecipientWorld;
  let parcel: { id: string; code: string };
  beforeAll(async () => {
    world = await recipientWorld();
    await getDb()
      .update(users)
      .set({ passwordHash: await hashPassword(PASSWORD) })
      .where(eq(users.id, world.owner.userId));
    parcel = await world.parcel({ status: "out_for_delivery" });
    expect((await recipientApi.send(parcel.code, world.as.owner, { body: "경비실에 맡겨 주세요" })).status).toBe(201);
    const report = await recipientApi.report(parcel.code, world.as.owner, { kind: "not_mine", message: "제 것 아님" });
    expect(report.status).toBe(201);
  });

  it("refuses a wrong password and a non-recipient, and deletes nothing", async () => {
    const wrong = await deleteRecipientAccount(deps(), asUser(world.owner), "not-the-password", meta());
    expect(wrong).toMatchObject({ ok: false, error: { code: "invalid_input", fields: { password: ["is wrong"] } } });
    const staff: SessionUser = {
      jti: "t",
      userId: world.courier.userId,
      role: "courier",
      carrierId: world.carrier.id,
      phoneHash: null,
    };
    expect((await deleteRecipientAccount(deps(), staff, PASSWORD, meta())).ok).toBe(false);
    expect(await getDb().select().from(users).where(eq(users.id, world.owner.userId))).toHaveLength(1);
    expect(await getDb().select().from(users).where(eq(users.id, world.courier.userId))).toHaveLength(1);
    expect((await recipientApi.myParcels(world.as.owner)).status).toBe(200);
  });

  it("removes the account, its phone link, its sessions and its messages; the carrier keeps the parcel and the report", async () => {
    expect(await deleteRecipientAccount(deps(), asUser(world.owner), PASSWORD, meta())).toEqual({
      ok: true,
      data: null,
    });
    // The row, and with it the phone hash that linked parcels to this person.
    expect(await getDb().select().from(users).where(eq(users.id, world.owner.userId))).toHaveLength(0);
    const linked = await getDb().select({ id: users.id }).from(users).where(eq(users.phoneHash, world.owner.phoneHash));
    expect(linked).toHaveLength(0);
    // Every session ended: the old cookie is nobody.
    expect((await recipientApi.myParcels(world.as.owner)).status).toBe(401);
    expect((await recipientApi.disclosures(parcel.code, world.as.owner)).status).toBe(401);
    expect(await getDb().select().from(messages).where(eq(messages.senderUserId, world.owner.userId))).toHaveLength(0);
    // The carrier's records stay: the parcel with its data, the report without its author.
    const [kept] = await getDb().select().from(parcels).where(eq(parcels.id, parcel.id));
    expect(kept?.piiCiphertext).not.toBeNull();
    const [report] = await getDb().select().from(reports).where(eq(reports.parcelId, parcel.id));
    expect(report).toMatchObject({ kind: "not_mine", reporterUserId: null });
    expect((await recipientApi.reports(world.as.admin)).status).toBe(200);
  });
});
