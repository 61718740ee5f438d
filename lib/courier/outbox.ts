import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { FailedAttemptReason } from "@/lib/parcels/life-cycle";
import type { ParcelStatus } from "@/lib/parcels/status";

/**
 * The offline outbox: every status change and proof a courier taps, kept in IndexedDB until the
 * server has it. Each item's id is its Idempotency-Key, so a replay (reload, two tabs, a lost
 * answer, a new login) is one effect on the server. It holds the parcel's opaque code and what was
 * tapped, never a recipient's name, phone or address. Each item belongs to the user who tapped it
 * (`owner`): only that user's session sends it, and only that user's screen lists it, so a phone
 * that changes hands neither sends nor shows the previous courier's work.
 */
export type OutboxItem = {
  id: string;
  /** The user id of the courier who tapped it. */
  owner: string;
  code: string;
  status: ParcelStatus;
  reason?: FailedAttemptReason;
  note?: string;
  /** The device's time of the tap, sent as `at`. */
  at: string;
  /** "Delivered" with proof goes to the proof route; the photo is already resized to JPEG. */
  photo?: Blob;
  pin?: string;
  state: "pending" | "failed";
  attempts: number;
  nextAttemptAt: number;
  error?: { status: number; code: string; message: string };
};

interface OutboxSchema extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { byOwnerTime: [string, string] } };
}

const OUTBOX_DB = "exqress-courier";
let opened: Promise<IDBPDatabase<OutboxSchema>> | undefined;

function db(): Promise<IDBPDatabase<OutboxSchema>> {
  opened ??= openDB<OutboxSchema>(OUTBOX_DB, 2, {
    upgrade(database) {
      // Items of the first version name no owner, and sending them under whoever is signed in is
      // what owners prevent: that store goes, the new one is kept per owner in tap order.
      if (database.objectStoreNames.contains("outbox")) database.deleteObjectStore("outbox");
      database.createObjectStore("outbox", { keyPath: "id" }).createIndex("byOwnerTime", ["owner", "at"]);
    },
    // Another tab upgrading the database must not wait on this connection.
    blocking() {
      void opened?.then((database) => database.close());
      opened = undefined;
    },
  });
  return opened;
}

// Other tabs (and this one's hooks) learn of every change through one channel.
const CHANNEL = "exqress-outbox";
function announce(): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage("changed");
  channel.close();
}

export function onOutboxChange(listener: () => void): () => void {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = listener;
  return () => channel.close();
}

export type NewOutboxItem = Pick<OutboxItem, "code" | "status" | "reason" | "note" | "photo" | "pin">;

export async function enqueue(owner: string, item: NewOutboxItem, now = new Date()): Promise<OutboxItem> {
  const stored: OutboxItem = {
    ...item,
    id: crypto.randomUUID(),
    owner,
    at: now.toISOString(),
    state: "pending",
    attempts: 0,
    nextAttemptAt: 0,
  };
  await (await db()).put("outbox", stored);
  announce();
  return stored;
}

const ofOwner = (owner: string) => IDBKeyRange.bound([owner, ""], [owner, "\uffff"]);

/** One user's items, in device-time order (the order the courier tapped). */
export async function listOutbox(owner: string): Promise<OutboxItem[]> {
  return (await db()).getAllFromIndex("outbox", "byOwnerTime", ofOwner(owner));
}

/** Whether anything waits on this device, whoever it belongs to (nothing of it is read). */
export async function outboxHoldsAny(): Promise<boolean> {
  return (await (await db()).count("outbox")) > 0;
}

export async function saveItem(item: OutboxItem): Promise<void> {
  await (await db()).put("outbox", item);
  announce();
}

export async function removeItem(id: string): Promise<void> {
  await (await db()).delete("outbox", id);
  announce();
}

/** Logout: the user's own items go; another courier's, waiting for their owner on this phone, stay. */
export async function wipeOutbox(owner: string): Promise<void> {
  const transaction = (await db()).transaction("outbox", "readwrite");
  const keys = await transaction.store.index("byOwnerTime").getAllKeys(ofOwner(owner));
  await Promise.all([...keys.map((key) => transaction.store.delete(key)), transaction.done]);
  announce();
}
