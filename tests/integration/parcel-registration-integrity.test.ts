import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSql } from "@/db/client";
import { env } from "@/lib/config/env";
import { newParcelCode } from "@/lib/parcels/code";
import { buildChunk, COPY_PARCELS } from "@/lib/parcels/parcel-chunk";
import { sendCopy } from "@/lib/parcels/pg-copy";
import { registerParcels } from "@/lib/parcels/register";
import { createCarrier, parcelInput } from "../support/fixtures";

/**
 * A parcel belongs to a registration of its own carrier, for good: whatever writes to the
 * table (a bug, a hand-written fix-up) cannot file one carrier's parcel under another
 * carrier's registration, point it at no registration, or move it later.
 */
const OWN_CARRIER = /registration of its own carrier/;
const NEVER_CHANGE = /never change/;
const parcelCount = async () => Number((await getSql()`select count(*) as n from parcels`)[0]!.n);

async function registrationOf(carrierId: string): Promise<string> {
  const [row] = await getSql()<{ id: string }[]>`
    insert into registrations (carrier_id) values (${carrierId}) returning id`;
  return row!.id;
}

/** A parcel registered the app's way, and the registration it is filed under. */
async function registeredParcel(carrierId: string) {
  const [registered] = await registerParcels(getDb(), { carrierId }, [parcelInput()], env());
  const [row] = await getSql()<{ id: string; registration_id: string }[]>`
    select id, registration_id from parcels where code = ${registered!.code}`;
  return { id: row!.id, registrationId: row!.registration_id };
}

/** A parcel row written straight into the table, as a buggy writer would. */
function insertParcel(carrierId: string, registrationId: string) {
  return getSql()`
    insert into parcels (code, carrier_id, registration_id, recipient_phone_hash, masked_name, masked_phone, masked_address)
    values (${newParcelCode()}, ${carrierId}, ${registrationId}, ${"0".repeat(64)}, '홍*동', '010-1234-****', '서울 ***')`;
}

describe("a parcel and its registration", () => {
  let carrierA: string;
  let carrierB: string;
  let registrationOfA: string;

  beforeAll(async () => {
    carrierA = (await createCarrier()).id;
    carrierB = (await createCarrier()).id;
    registrationOfA = await registrationOf(carrierA);
  });

  it("accepts a parcel filed under a registration of its own carrier", async () => {
    const before = await parcelCount();
    await insertParcel(carrierA, registrationOfA);
    expect(await parcelCount()).toBe(before + 1);
  });

  it("refuses a parcel filed under another carrier's registration", async () => {
    const before = await parcelCount();
    await expect(insertParcel(carrierB, registrationOfA)).rejects.toThrow(OWN_CARRIER);
    expect(await parcelCount()).toBe(before);
  });

  it("refuses a parcel whose registration does not exist", async () => {
    const before = await parcelCount();
    await expect(insertParcel(carrierA, randomUUID())).rejects.toThrow(OWN_CARRIER);
    expect(await parcelCount()).toBe(before);
  });

  it("refuses a whole COPY when one of its chunks names another carrier's registration", async () => {
    const before = await parcelCount();
    const wrong = buildChunk(
      [parcelInput(), parcelInput()],
      { carrierId: carrierB, registrationId: registrationOfA },
      env(),
    );
    const attempt = getSql().begin(async (tx) => {
      await sendCopy(tx, COPY_PARCELS, Buffer.from(wrong.copy));
      await tx`select 1`; // the COPY's verdict (see sendCopy)
    });
    await expect(attempt).rejects.toThrow();
    expect(await parcelCount()).toBe(before);
  });

  it("keeps a parcel under its registration and carrier: neither can be changed afterwards", async () => {
    const parcel = await registeredParcel(carrierA);
    const otherRegistration = await registrationOf(carrierA);
    await expect(
      getSql()`update parcels set registration_id = ${otherRegistration} where id = ${parcel.id}`,
    ).rejects.toThrow(NEVER_CHANGE);
    await expect(
      getSql()`update parcels set carrier_id = ${carrierB}, registration_id = ${await registrationOf(carrierB)} where id = ${parcel.id}`,
    ).rejects.toThrow(NEVER_CHANGE);
    const [row] = await getSql()<{ carrier_id: string }[]>`select carrier_id from parcels where id = ${parcel.id}`;
    expect(row!.carrier_id).toBe(carrierA);
    // Every other change stays possible.
    await getSql()`update parcels set item_name = 'changed' where id = ${parcel.id}`;
  });

  it("refuses to delete a registration that has parcels", async () => {
    const { registrationId } = await registeredParcel(carrierA);
    await expect(getSql()`delete from registrations where id = ${registrationId}`).rejects.toThrow(NEVER_CHANGE);
    expect(await getSql()`select 1 from registrations where id = ${registrationId}`).toHaveLength(1);
  });
});
