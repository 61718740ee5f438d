/**
 * The rows of one generated parcel for bench:scale: the parcel, its events, its audit rows (linked
 * into the carrier's hash chain exactly as the sequencer would), and now and then a courier's
 * message or a finder's report. Personal data comes from a small pool encrypted once (see
 * payloads.ts); the parcel's code is a real one from the CSPRNG.
 */
import { contentHash, GENESIS_HASH, linkHash } from "@/lib/audit/chain-hash";
import { newParcelId } from "@/lib/parcels/parcel-id";
import { FAILED_ATTEMPT_REASONS } from "@/lib/parcels/status";
import { at, CopyRows, wordsArray } from "./copy-text";
import { HOUR_MS, parcelLife, pickByShare, type Life } from "./mix";
import type { Payload, PayloadPool } from "./payloads";

export type FillCarrier = { id: string; apiKeyId: string; adminId: string | null; couriers: string[] };
export type Chain = { seq: number; hash: string };
export type Registration = { id: string; carrierId: string; apiKeyId: string; at: number; count: number };

/** Everything a phase of the fill shares while it generates rows; the counters move as it goes. */
export type FillState = {
  now: number;
  /** Ends (delivery or return) before this are generated purged, as the hourly purge left them. */
  purgedBefore: number;
  retentionMs: number;
  carriers: FillCarrier[];
  shares: number[];
  pool: PayloadPool;
  phone: (random: () => number) => { hash: string; masked: string };
  /** The demo recipient's parcels: every `every`-th, with real ciphertexts bound to their ids. */
  owned: { every: number; payload: (id: string) => Payload; hash: string; masked: string } | null;
  newCode: () => string;
  ids: { event: number; disclosure: number; message: number };
  chains: Map<string, Chain>;
  registrations: Map<string, Registration>;
  random: () => number;
};

export const tables = () => ({
  parcels: new CopyRows(
    "parcels",
    "id code carrier_id status recipient_phone_hash masked_name masked_phone masked_address masked_postal_code " +
      "pii_key_id pii_ciphertext item_name print_item_name reference courier_id courier_assigned_at registration_id " +
      "delivered_at pii_purged_at created_at updated_at",
  ),
  events: new CopyRows(
    "parcel_events",
    "id parcel_id status reason place actor_user_id actor_api_key_id occurred_at recorded_at",
  ),
  disclosures: new CopyRows(
    "disclosures",
    "id parcel_id viewer_user_id viewer_api_key_id viewer_role fields ip user_agent created_at carrier_id " +
      "content_hash chain_seq prev_hash hash",
  ),
  messages: new CopyRows("messages", "id parcel_id sender_user_id sender_role body_key_id body_ciphertext created_at"),
  reports: new CopyRows(
    "reports",
    "id reference parcel_id carrier_id kind place contact_key_id contact_ciphertext created_at",
  ),
});
export type Tables = ReturnType<typeof tables>;

const REVEALED = wordsArray(["address", "addressDetail", "postalCode", "memo"]);
const FULL = wordsArray(["name", "phone", "address", "addressDetail", "postalCode", "memo"]);
const APP_UA = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36";
const API_UA = "carrier-integration/2.3";

type Made = { id: string; carrier: FillCarrier; courier: string | null; life: Life; purged: boolean };

function registrationOf(state: FillState, carrierIndex: number, createdAt: number): string {
  const hour = Math.floor(createdAt / HOUR_MS);
  const key = `${carrierIndex}:${hour}`;
  const carrier = state.carriers[carrierIndex]!;
  let registration = state.registrations.get(key);
  if (!registration) {
    const id = crypto.randomUUID();
    registration = { id, carrierId: carrier.id, apiKeyId: carrier.apiKeyId, at: hour * HOUR_MS, count: 0 };
    state.registrations.set(key, registration);
  }
  registration.count++;
  return registration.id;
}

/** Appends one audit row, linked after the carrier's chain head. */
function disclose(
  state: FillState,
  out: Tables,
  made: Made,
  viewer: [string | null, string | null, string],
  when: number,
) {
  if (when > state.now) return;
  const [userId, apiKeyId, role] = viewer;
  const id = state.ids.disclosure++;
  const ip = `10.${id % 251}.${id % 241}.${id % 239}`;
  const userAgent = role === "api_key" ? API_UA : APP_UA;
  const fields = role === "courier" ? REVEALED : FULL;
  const carrierId = made.carrier.id;
  const content = contentHash({
    carrierId,
    id: String(id),
    parcelId: made.id,
    viewerUserId: userId,
    viewerApiKeyId: apiKeyId,
    viewerRole: role,
    fields: fields.slice(1, -1).split(","),
    ip,
    userAgent,
    createdMicros: String(when * 1000),
  });
  const chain = state.chains.get(carrierId) ?? { seq: 0, hash: GENESIS_HASH };
  const seq = chain.seq + 1;
  const hash = linkHash(chain.hash, seq, content);
  state.chains.set(carrierId, { seq, hash });
  // prettier-ignore
  out.disclosures.add([
    id, made.id, userId, apiKeyId, role, fields, ip, userAgent, at(when), carrierId, content, seq, chain.hash, hash,
  ]);
}

function addEvents(state: FillState, out: Tables, made: Made): void {
  for (const event of made.life.events) {
    const reason = event.status === "failed_attempt" ? FAILED_ATTEMPT_REASONS[0] : null;
    const place = event.byCourier ? null : `Hub ${made.carrier.id.slice(0, 2)}`;
    const actorUser = event.byCourier ? made.courier : null;
    const actorKey = event.byCourier ? null : made.carrier.apiKeyId;
    // prettier-ignore
    out.events.add([
      state.ids.event++, made.id, event.status, reason, place, actorUser, actorKey, at(event.at), at(event.at + 2_000),
    ]);
  }
}

/** A courier's reveal on each round, the shipper's key now and then, rarely an admin. */
function addDisclosures(state: FillState, out: Tables, made: Made, createdAt: number): void {
  for (const event of made.life.events) {
    if (event.status === "out_for_delivery")
      disclose(state, out, made, [made.courier, null, "courier"], event.at + 300_000);
  }
  const { random } = state;
  if (random() < 0.3) disclose(state, out, made, [null, made.carrier.apiKeyId, "api_key"], createdAt + HOUR_MS);
  if (made.carrier.adminId && random() < 0.03)
    disclose(state, out, made, [made.carrier.adminId, null, "admin"], createdAt + 3 * HOUR_MS);
}

/** Now and then a courier's message (while the data is kept) and a finder's report. */
function addExtras(state: FillState, out: Tables, made: Made, createdAt: number): void {
  const { random, pool } = state;
  const sent = (made.life.assignedAt ?? Infinity) + 600_000;
  if (!made.purged && made.courier && sent <= state.now && random() < 0.03) {
    out.messages.add([state.ids.message++, made.id, made.courier, "courier", pool.keyId, pool.message, at(sent)]);
  }
  const found = createdAt + 2 * 24 * HOUR_MS;
  if (found <= state.now && random() < 0.0005) {
    const contact = made.purged ? [null, null] : [pool.keyId, pool.contact];
    const reference = `R-${made.id.slice(-12).toUpperCase()}`;
    out.reports.add([
      crypto.randomUUID(),
      reference,
      made.id,
      made.carrier.id,
      "found",
      "1층 우편함 옆",
      ...contact,
      at(found),
    ]);
  }
}

/** When the delivery ended (delivered or returned), or null while it is under way. */
function endedAt(life: Life): number | null {
  if (life.deliveredAt !== null) return life.deliveredAt;
  return life.status === "returned" ? (life.events.at(-1)?.at ?? null) : null;
}

export type Added = { code: string; carrierIndex: number; owned: boolean };

/** One parcel registered at `createdAt` and everything it left behind by `state.now`. */
export function addParcel(state: FillState, out: Tables, createdAt: number, ordinal: number, reference: string): Added {
  const { random } = state;
  const carrierIndex = pickByShare(state.shares, random());
  const carrier = state.carriers[carrierIndex]!;
  const life = parcelLife(createdAt, state.now, random);
  const courier = life.assignedAt === null ? null : carrier.couriers[Math.floor(random() * carrier.couriers.length)]!;
  const ended = endedAt(life);
  const purged = ended !== null && ended < state.purgedBefore;
  const purgedAt = purged ? ended + state.retentionMs + Math.floor(random() * HOUR_MS) : null;
  const id = newParcelId();
  const owned = state.owned && ordinal % state.owned.every === 0 ? state.owned : null;
  const payload = owned ? owned.payload(id) : state.pool.payloads[Math.floor(random() * state.pool.payloads.length)]!;
  const phone = owned ?? state.phone(random);
  const code = state.newCode();
  const updatedAt = Math.max(createdAt, life.events.at(-1)?.at ?? 0, purgedAt ?? 0);
  // prettier-ignore
  out.parcels.add([
    id, code, carrier.id, life.status, phone.hash, payload.maskedName, phone.masked, payload.maskedAddress,
    payload.maskedPostalCode, purged ? null : payload.keyId, purged ? null : payload.ciphertext, payload.itemName,
    false, reference, courier, life.assignedAt === null ? null : at(life.assignedAt),
    registrationOf(state, carrierIndex, createdAt), life.deliveredAt === null ? null : at(life.deliveredAt),
    purgedAt === null ? null : at(purgedAt), at(createdAt), at(updatedAt),
  ]);
  const made: Made = { id, carrier, courier, life, purged };
  addEvents(state, out, made);
  addDisclosures(state, out, made, createdAt);
  addExtras(state, out, made, createdAt);
  return { code, carrierIndex, owned: owned !== null };
}
