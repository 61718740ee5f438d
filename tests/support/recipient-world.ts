import {
  createApiKey,
  createCarrier,
  createParcel,
  createRecipient,
  createStaff,
  parcelInput,
  uniquePhone,
} from "./fixtures";
import { cookieFor, type As } from "./recipient-api";

/**
 * Two carriers and everyone around one recipient's parcel: its owner, its assigned courier,
 * its carrier's admin and key, and the outsiders (another recipient, another courier of the
 * same carrier, the other carrier's admin and key, a stranger).
 */
export async function recipientWorld() {
  const [carrier, otherCarrier] = [await createCarrier(), await createCarrier()];
  const phone = uniquePhone();
  const owner = await createRecipient(phone);
  const otherRecipient = await createRecipient();
  const courier = await createStaff("courier", carrier.id);
  const otherCourier = await createStaff("courier", carrier.id);
  const admin = await createStaff("admin", carrier.id);
  const otherAdmin = await createStaff("admin", otherCarrier.id);
  const key = await createApiKey(carrier.id);
  const otherKey = await createApiKey(otherCarrier.id);
  const as = {
    owner: { cookie: await cookieFor(owner) },
    otherRecipient: { cookie: await cookieFor(otherRecipient) },
    courier: { cookie: await cookieFor(courier) },
    otherCourier: { cookie: await cookieFor(otherCourier) },
    admin: { cookie: await cookieFor(admin) },
    otherAdmin: { cookie: await cookieFor(otherAdmin) },
    key: { key: key.key },
    otherKey: { key: otherKey.key },
    stranger: {},
  } satisfies Record<string, As>;
  const parcel = (state: Parameters<typeof createParcel>[2] = {}) =>
    createParcel(carrier.id, parcelInput(phone), { courierId: courier.userId, ...state });
  return { carrier, otherCarrier, phone, owner, courier, admin, key, otherKey, as, parcel };
}

export type RecipientWorld = Awaited<ReturnType<typeof recipientWorld>>;
