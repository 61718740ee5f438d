import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as courierListRoute } from "@/app/api/v1/courier/parcels/route";
import { getDb } from "@/db/client";
import { carriers, parcels, users } from "@/db/schema";
import { changePassword, createStaffAccount, disableStaffAccount, revokeStaffSessions } from "@/lib/auth/accounts";
import { verifyCredentials } from "@/lib/auth/credentials";
import { FIRST_PASSWORD_PATH } from "@/lib/auth/first-password";
import { POST as loginHandler } from "@/app/api/auth/login/route";
import { sessionFromToken, startSession } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { assignSelection } from "@/lib/parcels/assign-selection";
import { courierSessions, endCourierSession, listCouriers } from "@/lib/couriers/couriers";
import { registerParcels } from "@/lib/parcels/register";
import { appDeps } from "@/lib/runtime/app-deps";
import { createCarrier, createStaff, meta, parcelInput, randomIp, unique } from "../support/fixtures";

const TEMPORARY = "temporary passphrase 42";
const deps = () => ({ redis: appDeps().redis, config: env() });

/** A courier created in the console (temporary password), logged in once: its session and token. */
async function consoleCourier(carrierId: string) {
  const email = `${unique("courier")}@test.local`;
  const created = await createStaffAccount(
    getDb(),
    carrierId,
    { role: "courier", email, password: TEMPORARY },
    { temporary: true },
  );
  if (!created.ok) throw new Error(created.error.message);
  return { userId: created.data.userId, email };
}

async function logIn(email: string, password: string) {
  const checked = await verifyCredentials(appDeps(), { identifier: email, password }, meta());
  if (!checked.ok) return null;
  return startSession(deps(), checked.user, meta());
}

describe("a courier created in the console", () => {
  it("must change the temporary password before anything else, enforced on the server", async () => {
    const carrier = (await createCarrier()).id;
    const courier = await consoleCourier(carrier);
    const first = (await logIn(courier.email, TEMPORARY))!;
    // Every door (pages, actions, route handlers) reads the session this way: it is no session.
    expect(await sessionFromToken(deps(), first.token)).toBeNull();
    // Only the password change sees it.
    const pending = await sessionFromToken(deps(), first.token, "allow");
    expect(pending?.userId).toBe(courier.userId);
    const same = await changePassword(appDeps(), pending!, { current: TEMPORARY, next: TEMPORARY }, meta());
    expect(same.ok).toBe(false);
    expect(await sessionFromToken(deps(), first.token)).toBeNull();
    const changed = await changePassword(
      appDeps(),
      pending!,
      { current: TEMPORARY, next: "my own passphrase 7" },
      meta(),
    );
    expect(changed.ok).toBe(true);
    expect((await sessionFromToken(deps(), first.token))?.userId).toBe(courier.userId);
    const [row] = await getDb().select().from(users).where(eq(users.id, courier.userId));
    expect(row!.mustChangePassword).toBe(false);
    // The next login is an ordinary one; the temporary password no longer works.
    expect(await logIn(courier.email, TEMPORARY)).toBeNull();
    const next = (await logIn(courier.email, "my own passphrase 7"))!;
    expect((await sessionFromToken(deps(), next.token))?.userId).toBe(courier.userId);
  });

  it("the login door sends them to the password step, and a route handler refuses the session", async () => {
    const courier = await consoleCourier((await createCarrier()).id);
    const origin = env().PUBLIC_URL;
    const response = await loginHandler(
      new Request(`${origin}/api/auth/login`, {
        method: "POST",
        headers: { origin, "x-forwarded-for": randomIp(), "content-type": "application/json" },
        body: JSON.stringify({ identifier: courier.email, password: TEMPORARY, next: "/courier" }),
      }),
    );
    expect(await response.json()).toMatchObject({ ok: true, redirectTo: FIRST_PASSWORD_PATH });
    const cookie = response.headers.getSetCookie()[0]!.split(";")[0]!;
    const list = await courierListRoute(new Request(`${origin}/api/v1/courier/parcels`, { headers: { cookie } }));
    expect(list.status).toBe(401);
  });

  it("disabled: their live session is refused on the next request, and they cannot log in", async () => {
    const carrier = (await createCarrier()).id;
    const courier = await consoleCourier(carrier);
    const pending = await sessionFromToken(deps(), (await logIn(courier.email, TEMPORARY))!.token, "allow");
    await changePassword(appDeps(), pending!, { current: TEMPORARY, next: "my own passphrase 7" }, meta());
    const live = (await logIn(courier.email, "my own passphrase 7"))!;
    expect(await sessionFromToken(deps(), live.token)).not.toBeNull();
    const disabled = await disableStaffAccount(appDeps(), carrier, courier.userId);
    expect(disabled).toEqual({ ok: true, data: { endedSessions: 2 } });
    expect(await sessionFromToken(deps(), live.token)).toBeNull();
    expect(await logIn(courier.email, "my own passphrase 7")).toBeNull();
    expect((await listCouriers(appDeps(), carrier)).find((c) => c.id === courier.userId)?.disabled).toBe(true);
  });

  it("an admin sees a courier's live sessions and ends one of them", async () => {
    const carrier = (await createCarrier()).id;
    const courier = await consoleCourier(carrier);
    const [a, b] = [(await logIn(courier.email, TEMPORARY))!, (await logIn(courier.email, TEMPORARY))!];
    const seen = await courierSessions(appDeps(), carrier, courier.userId);
    expect(seen?.sessions).toHaveLength(2);
    expect(JSON.stringify(seen)).not.toContain(a.user.jti);
    const handle = seen!.sessions.at(-1)!.handle; // the older one: a
    expect(await endCourierSession(appDeps(), carrier, { userId: courier.userId, handle })).toEqual({
      ok: true,
      data: null,
    });
    expect(await sessionFromToken(deps(), a.token, "allow")).toBeNull();
    expect(await sessionFromToken(deps(), b.token, "allow")).not.toBeNull();
    expect((await listCouriers(appDeps(), carrier)).find((c) => c.id === courier.userId)?.liveSessions).toBe(1);
  });
});

describe("an admin of carrier B against carrier A's couriers", () => {
  it("cannot see, disable, end the sessions of, or assign parcels to A's couriers", async () => {
    const [a, b] = [(await createCarrier()).id, (await createCarrier()).id];
    const courier = await consoleCourier(a);
    const session = (await logIn(courier.email, TEMPORARY))!;
    const handle = (await courierSessions(appDeps(), a, courier.userId))!.sessions[0]!.handle;

    expect((await listCouriers(appDeps(), b)).map((c) => c.id)).not.toContain(courier.userId);
    expect(await courierSessions(appDeps(), b, courier.userId)).toBeNull();
    expect((await disableStaffAccount(appDeps(), b, courier.userId)).ok).toBe(false);
    expect((await revokeStaffSessions(appDeps(), b, courier.userId)).ok).toBe(false);
    expect((await endCourierSession(appDeps(), b, { userId: courier.userId, handle })).ok).toBe(false);
    expect(await sessionFromToken(deps(), session.token, "allow")).not.toBeNull();
    const [row] = await getDb().select().from(users).where(eq(users.id, courier.userId));
    expect(row!.disabledAt).toBeNull();

    const [theirs] = await registerParcels(getDb(), { carrierId: b }, [parcelInput()], env());
    const refused = await assignSelection(appDeps(), b, { codes: [theirs!.code], courierId: courier.userId });
    expect(refused.ok).toBe(false);
  });
});

describe("assigning a selection of parcels", () => {
  it("assigns the carrier's own parcels only, draws PINs when asked for, and unassigns", async () => {
    const [a, b] = [(await createCarrier()).id, (await createCarrier()).id];
    await getDb().update(carriers).set({ proofDefault: "pin" }).where(eq(carriers.id, a));
    const courier = await createStaff("courier", a);
    const mine = await registerParcels(getDb(), { carrierId: a }, [parcelInput(), parcelInput(), parcelInput()], env());
    const [theirs] = await registerParcels(getDb(), { carrierId: b }, [parcelInput()], env());
    const codes = [...mine.map((p) => p.code), theirs!.code, "not-a-code"];

    const result = await assignSelection(appDeps(), a, { codes, courierId: courier.userId });
    expect(result).toEqual({ ok: true, data: { assigned: 3, skipped: 2 } });
    const rows = await getDb()
      .select({ code: parcels.code, courierId: parcels.courierId, pin: parcels.pinCiphertext })
      .from(parcels)
      .where(inArray(parcels.code, [...mine.map((p) => p.code), theirs!.code]));
    const byCode = new Map(rows.map((row) => [row.code, row]));
    for (const parcel of mine) {
      expect(byCode.get(parcel.code)?.courierId).toBe(courier.userId);
      expect(byCode.get(parcel.code)?.pin).not.toBeNull();
    }
    expect(byCode.get(theirs!.code)?.courierId).toBeNull();

    const undone = await assignSelection(appDeps(), a, { codes: [mine[0]!.code], courierId: "" });
    expect(undone).toEqual({ ok: true, data: { assigned: 1, skipped: 0 } });
    const [back] = await getDb().select().from(parcels).where(eq(parcels.code, mine[0]!.code));
    expect(back!.courierId).toBeNull();
  });
});
