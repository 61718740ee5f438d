import { listOutbox, removeItem, saveItem, type OutboxItem } from "./outbox";

export type SentResult = { id: string; code: string; status: number; body: unknown };

const MAX_BACKOFF_MS = 5 * 60_000;
// Parcels are independent of each other; one parcel's items go strictly in tap order.
const PARALLEL_PARCELS = 4;

function request(item: OutboxItem): { url: string; init: RequestInit } {
  const headers: Record<string, string> = { "idempotency-key": item.id };
  const base = `/api/v1/parcels/${encodeURIComponent(item.code)}`;
  if (item.status === "delivered" && (item.photo || item.pin)) {
    const form = new FormData();
    form.set("at", item.at);
    if (item.photo) form.set("photo", item.photo, "proof.jpg");
    if (item.pin) form.set("pin", item.pin);
    return { url: `${base}/proof`, init: { method: "POST", headers, body: form } };
  }
  const body = { status: item.status, at: item.at, reason: item.reason, note: item.note };
  headers["content-type"] = "application/json";
  return { url: `${base}/events`, init: { method: "POST", headers, body: JSON.stringify(body) } };
}

/** Server errors, throttling and timeouts are worth retrying; any other refusal is the courier's to see. */
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

type Outcome = "sent" | "failed" | "retry";

async function sendOne(item: OutboxItem, onSent: (result: SentResult) => void): Promise<Outcome> {
  const { url, init } = request(item);
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: "same-origin", cache: "no-store" });
  } catch {
    await saveItem({ ...backoff(item), error: undefined });
    return "retry";
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    await removeItem(item.id);
    onSent({ id: item.id, code: item.code, status: response.status, body });
    return "sent";
  }
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  const described = { status: response.status, code: error?.code ?? "error", message: error?.message ?? "" };
  if (retryable(response.status)) {
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

/** One parcel's pending items in tap order; stops at the first that did not go through. */
async function flushParcel(items: OutboxItem[], force: boolean, onSent: (result: SentResult) => void) {
  for (const item of items) {
    if (!force && item.nextAttemptAt > Date.now()) return;
    if ((await sendOne(item, onSent)) !== "sent") return;
  }
}

async function flushAll(force: boolean, onSent: (result: SentResult) => void): Promise<void> {
  const byParcel = new Map<string, OutboxItem[]>();
  const items = await listOutbox();
  // A failed item blocks its parcel's later taps: they were judged against a status it never reached.
  const blocked = new Set(items.filter((item) => item.state === "failed").map((item) => item.code));
  for (const item of items) {
    if (item.state === "pending" && !blocked.has(item.code)) {
      byParcel.set(item.code, [...(byParcel.get(item.code) ?? []), item]);
    }
  }
  const queue = [...byParcel.values()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await flushParcel(next, force, onSent);
  };
  await Promise.all(Array.from({ length: PARALLEL_PARCELS }, worker));
}

/**
 * Sends what waits. Tabs take turns through a Web Lock where the browser has one (the server's
 * Idempotency-Key makes a race harmless anyway, this only saves requests).
 */
export async function flushOutbox(onSent: (result: SentResult) => void, force = false): Promise<void> {
  if (typeof navigator !== "undefined" && navigator.locks) {
    await navigator.locks.request("exqress-outbox-flush", () => flushAll(force, onSent));
    return;
  }
  await flushAll(force, onSent);
}
