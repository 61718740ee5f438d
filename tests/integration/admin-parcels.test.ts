import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { disclosures, parcels } from "@/db/schema";
import { loadAdminParcel } from "@/lib/admin/parcel-detail";
import { listParcels, PAGE_SIZE } from "@/lib/admin/parcel-list";
import type { SessionUser } from "@/lib/core/session-user";
import { env } from "@/lib/config/env";
import { appDeps } from "@/lib/runtime/app-deps";
import { registerParcels } from "@/lib/parcels/register";
import { createCarrier, createParcel, createStaff, meta, parcelInput } from "../support/fixtures";

const adminOf = (staff: { userId: string; carrierId: string }): SessionUser => ({
  jti: "test",
  userId: staff.userId,
  role: "admin",
  carrierId: staff.carrierId,
  phoneHash: null,
});

describe("the console's parcel list", () => {
  let mine: string;
  let theirs: string;
  let courier: { userId: string };
  let mineCodes: string[];
  beforeAll(async () => {
    mine = (await createCarrier()).id;
    theirs = (await createCarrier()).id;
    courier = await createStaff("courier", mine);
    // One batch: every parcel shares created_at, so only the id breaks ties at page boundaries.
    const inputs = Array.from({ length: PAGE_SIZE * 2 + 7 }, (_, i) => ({ ...parcelInput(), reference: `ORD-${i}` }));
    mineCodes = (await registerParcels(getDb(), { carrierId: mine }, inputs, env())).map((p) => p.code);
    await registerParcels(getDb(), { carrierId: theirs }, [{ ...parcelInput(), reference: "ORD-1" }], env());
    await getDb()
      .update(parcels)
      .set({ courierId: courier.userId, status: "picked_up" })
      .where(eq(parcels.code, mineCodes[3]!));
  });

  it("pages by keyset through every parcel of the carrier exactly once, masked columns only", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listParcels(getDb(), mine, { after });
      seen.push(...page.rows.map((row) => row.code));
      after = page.next ?? undefined;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([...mineCodes].sort());
    const [row] = (await listParcels(getDb(), mine, {})).rows;
    expect(row!.maskedName).toBe("홍*동");
    expect(JSON.stringify(row)).not.toMatch(/길동|1234-\d{4}|오목로 150|문 앞에/);
  });

  it("searches by code and reference, filters by status and courier, never outside the carrier", async () => {
    const byRef = await listParcels(getDb(), mine, { q: "ORD-1" });
    expect(byRef.rows.map((r) => r.reference)).toEqual(["ORD-1"]);
    const byCode = await listParcels(getDb(), mine, { q: mineCodes[5] });
    expect(byCode.rows.map((r) => r.code)).toEqual([mineCodes[5]]);
    expect((await listParcels(getDb(), mine, { status: "picked_up" })).rows.map((r) => r.code)).toEqual([mineCodes[3]]);
    expect((await listParcels(getDb(), mine, { courier: courier.userId })).rows).toHaveLength(1);
    // The other carrier's code and courier filter find nothing here.
    expect((await listParcels(getDb(), theirs, { q: mineCodes[5] })).rows).toEqual([]);
    expect((await listParcels(getDb(), theirs, { courier: courier.userId })).rows).toEqual([]);
    expect((await listParcels(getDb(), theirs, {})).rows).toHaveLength(1);
  });

  it("filters by day", async () => {
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    expect((await listParcels(getDb(), theirs, { from: today, to: today })).rows).toHaveLength(1);
    expect((await listParcels(getDb(), theirs, { to: "2020-01-01" })).rows).toEqual([]);
  });
});

describe("opening one parcel in the console", () => {
  it("shows the admin's own parcel in full and audits it; another carrier's is not found, unaudited", async () => {
    const carrier = (await createCarrier()).id;
    const admin = adminOf(await createStaff("admin", carrier));
    const foreign = adminOf(await createStaff("admin", (await createCarrier()).id));
    const parcel = await createParcel(carrier, parcelInput(), { status: "registered" });
    const audits = async () =>
      (await getDb().select({ n: count() }).from(disclosures).where(eq(disclosures.parcelId, parcel.id)))[0]!.n;

    const opened = await loadAdminParcel(appDeps(), admin, parcel.code, meta());
    expect(opened && opened !== "rate_limited" && opened.view.visibility).toBe("full");
    expect(await audits()).toBe(1);
    expect(await loadAdminParcel(appDeps(), foreign, parcel.code, meta())).toBeNull();
    expect(await audits()).toBe(1);
  });
});
