import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { FailedAttemptReason } from "@/lib/parcels/life-cycle";
import type { ParcelStatus } from "@/lib/parcels/status";

/**
 * The offline outbox: every status change and proof a courier taps, kept in IndexedDB until the
 * server has it. Each item's id is its Idempotency-Key, so a replay (reload, two tabs, a lost
 * answer) is one effect on the server. It holds the parcel's opaque code and what was tapped,
 * never a recipient's name, phone or address.
 */
export type OutboxItem = {
  id: string;
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
  outbox: { key: string; value: OutboxItem; indexes: { byTime: string } };
}

export const OUTBOX_DB = "exqress-courier";
let opened: Promise<IDBPDatabase<OutboxSchema>> | undefined;

function db(): Promise<IDBPDatabase<OutboxSchema>> {
  opened ??= openDB<OutboxSchema>(OUTBOX_DB, 1, {
    upgrade(database) {
      database.createObjectStore("outbox", { keyPath: "id" }).createIndex("byTime", "at");
    },
    // Another tab deleting the database (logout) must not wait on this connection.
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

export async function enqueue(item: NewOutboxItem, now = new Date()): Promise<OutboxItem> {
  const stored: OutboxItem = {
    ...item,
    id: crypto.randomUUID(),
    at: now.toISOString(),
    state: "pending",
    attempts: 0,
    nextAttemptAt: 0,
  };
  await (await db()).put("outbox", stored);
  announce();
  return stored;
}

/** Every item, in device-time order (the order the courier tapped). */
export async function listOutbox(): Promise<OutboxItem[]> {
  return (await db()).getAllFromIndex("outbox", "byTime");
}

export async function saveItem(item: OutboxItem): Promise<void> {
  await (await db()).put("outbox", item);
  announce();
}

export async function removeItem(id: string): Promise<void> {
  await (await db()).delete("outbox", id);
  announce();
}

/** Logout: nothing the app stored survives (the server's Clear-Site-Data does the same where honoured). */
export async function wipeOutbox(): Promise<void> {
  const database = await opened;
  database?.close();
  opened = undefined;
  await deleteDB(OUTBOX_DB);
  announce();
}
