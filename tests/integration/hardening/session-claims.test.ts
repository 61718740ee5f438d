import { describe, expect, it } from "vitest";
import { sessionFromToken, startSession } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/core/session-user";
import { mintSessionToken } from "@/lib/auth/token";
import { env } from "@/lib/config/env";
import { getRedis } from "@/lib/redis/client";
import { createCarrier, createRecipient, createStaff, meta } from "../../support/fixtures";

/**
 * A check of only user id and role against Redis would take a token carrying another
 * carrier's id (or another phone hash) at its word. The server's record is the truth; a token that disagrees with it is not a session we issued.
 */
const deps = () => ({ redis: getRedis(), config: env() });
/** A token's claims as an attacker would write them: any mix of fields, typed or not. */
const forge = (user: SessionUser, claims: Partial<Record<keyof SessionUser, unknown>>) =>
  ({ ...user, ...claims }) as SessionUser;

async function courierSession() {
  const courier = await createStaff("courier", (await createCarrier()).id);
  const user = { userId: courier.userId, role: "courier" as const, carrierId: courier.carrierId, phoneHash: null };
  return startSession(deps(), user, meta());
}

describe("session claims against the server's record", () => {
  it("accepts the token it minted, with the record's carrier", async () => {
    const { user, token } = await courierSession();
    expect(await sessionFromToken(deps(), token)).toEqual(user);
  });

  it("refuses a live session id carried with another carrier's id", async () => {
    const { user } = await courierSession();
    const otherCarrier = (await createCarrier()).id;
    const forged = await mintSessionToken(forge(user, { carrierId: otherCarrier }), env());
    const seen = await sessionFromToken(deps(), forged);
    expect(seen?.carrierId ?? null).not.toBe(otherCarrier);
    expect(seen).toBeNull();
  });

  it("refuses a live session id carried with another role", async () => {
    const { user } = await courierSession();
    expect(await sessionFromToken(deps(), await mintSessionToken(forge(user, { role: "admin" }), env()))).toBeNull();
  });

  it("refuses a recipient's live session id carried with another recipient's phone hash", async () => {
    const [owner, other] = [await createRecipient(), await createRecipient()];
    const verified = { userId: owner.userId, role: "recipient" as const, carrierId: null, phoneHash: owner.phoneHash };
    const { user, token } = await startSession(deps(), verified, meta());
    expect(await sessionFromToken(deps(), token)).toEqual(user);
    const forged = await mintSessionToken(forge(user, { phoneHash: other.phoneHash }), env());
    expect(await sessionFromToken(deps(), forged)).toBeNull();
  });
});
