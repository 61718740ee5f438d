import { OUTBOX_OWNER_HEADER } from "@/lib/core/outbox-owner-header";
import { fetchJson, type JsonRequest } from "@/lib/query/fetch-json";
import { signedInCourier } from "./outbox-owner";
import { listOutbox, outboxHoldsAny, removeItem, saveItem, type OutboxItem } from "./outbox";

export type SentResult = { id: string; code: string; status: number; body: unknown };

/**
 * How a flush ended: `flushed` (the signed-in courier's items went as far as they could; `waiting`
 * of theirs are still pending), `signed_out` (no session: everything stays pending until its owner
 * logs in again), `other_user` (someone other than `owner` is signed in: nothing was sent) or
 * `unreachable` (the server did not say who is signed in: nothing was sent).
 */
export type FlushResult =
  { outcome: "flushed"; waiting: number } | { outcome: "signed_out" | "other_user" | "unreachable" };

const MAX_BACKOFF_MS = 5 * 60_000;
// Parcels are independent of each other; one parcel's items go strictly in tap order.
const PARALLEL_PARCELS = 4;

function request(item: OutboxItem): { url: string; init: JsonRequest } {
  // The server refuses an item sent with another user's session (lib/http/caller.ts).
  const headers: Record<string, string> = { "idempotency-key": item.id, [OUTBOX_OWNER_HEADER]: item.owner };
  const base = `/api/v1/parcels/${encodeURIComponent(item.code)}`;
  if (item.status === "delivered" && (item.photo || item.pin)) {
    const form = new FormData();
    form.set("at", item.at);
    if (item.photo) form.set("photo", item.photo, "proof.jpg");
    if (item.pin) form.set("pin", item.pin);
    return { url: `${base}/proof`, init: { method: "POST", headers, body: form } };
  }
  const json = { status: item.status, at: item.at, reason: item.reason, note: item.note };
  return { url: `${base}/events`, init: { method: "POST", headers, json } };
}

/** Server errors, throttling and timeouts are worth retrying; any other refusal is the courier's to see. */
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

type Outcome = "sent" | "failed" | "retry" | "signed_out";

async function sendOne(item: OutboxItem, onSent: (result: SentResult) => void): Promise<Outcome> {
  const { url, init } = request(item);
  const result = await fetchJson(url, { ...init, credentials: "same-origin" });
  if (result.status === 0) {
    await saveItem({ ...backoff(item), error: undefined });
    return "retry";
  }
  // The session ended (idle limit, an admin, another login): the item waits, unchanged, for its owner.
  if (result.status === 401) return "signed_out";
  if (result.ok) {
    await removeItem(item.id);
    onSent({ id: item.id, code: item.code, status: result.status, body: result.data });
    return "sent";
  }
  const described = { status: result.status, code: result.code, message: result.message };
  if (retryable(result.status)) {
    await saveItem({ ...backoff(item), error: described });
    return "retry";
  }
  await saveItem({ ...item, state: "failed", error: described });
  return "failed";
}

function backoff(item: OutboxItem): OutboxItem {
  const attempts = item.attempts + 1;
  const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts) * (0.5 + Math.random() / 2);
  return { ...item, attempts, nextAttemptAt: Date.now() + delay };
}

type Run = { force: boolean; onSent: (result: SentResult) => void; signedOut: boolean };

/** One parcel's pending items in tap order; stops at the first that did not go through, or once signed out. */
async function flushParcel(items: OutboxItem[], run: Run) {
  for (const item of items) {
    if (run.signedOut || (!run.force && item.nextAttemptAt > Date.now())) return;
    const outcome = await sendOne(item, run.onSent);
    if (outcome === "signed_out") run.signedOut = true;
    if (outcome !== "sent") return;
  }
}

async function flushOwner(owner: string, run: Run): Promise<FlushResult> {
  const byParcel = new Map<string, OutboxItem[]>();
  const items = await listOutbox(owner);
  // A failed item blocks its parcel's later taps: they were judged against a status it never reached.
  const blocked = new Set(items.filter((item) => item.state === "failed").map((item) => item.code));
  for (const item of items) {
    if (item.state === "pending" && !blocked.has(item.code)) {
      byParcel.set(item.code, [...(byParcel.get(item.code) ?? []), item]);
    }
  }
  const queue = [...byParcel.values()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await flushParcel(next, run);
  };
  await Promise.all(Array.from({ length: PARALLEL_PARCELS }, worker));
  if (run.signedOut) return { outcome: "signed_out" };
  const waiting = (await listOutbox(owner)).filter((item) => item.state === "pending").length;
  return { outcome: "flushed", waiting };
}

/**
 * Sends what waits of the courier signed in now, asked of the server first (a page's `owner` may
 * be stale: another login in another tab; the service worker knows no one). Nothing on the device
 * costs no request.
 */
async function flushAll(owner: string | undefined, run: Run): Promise<FlushResult> {
  if (!(await outboxHoldsAny())) return { outcome: "flushed", waiting: 0 };
  const signedIn = await signedInCourier();
  if (signedIn.kind !== "courier") return { outcome: signedIn.kind };
  if (owner !== undefined && signedIn.userId !== owner) return { outcome: "other_user" };
  return flushOwner(signedIn.userId, run);
}

/**
 * Sends what waits. Tabs take turns through a Web Lock where the browser has one (the server's
 * Idempotency-Key makes a race harmless anyway, this only saves requests).
 */
export async function flushOutbox(
  owner: string | undefined,
  onSent: (result: SentResult) => void,
  force = false,
): Promise<FlushResult> {
  const run: Run = { force, onSent, signedOut: false };
  if (typeof navigator !== "undefined" && navigator.locks) {
    return navigator.locks.request("exqress-outbox-flush", () => flushAll(owner, run));
  }
  return flushAll(owner, run);
}
