import { randomUUID } from "node:crypto";
import { withRetries, type PilotClient } from "./client";
import type { Account } from "./people";
import { logIn } from "./session";

/** One tap on the courier's screen: what it sets, its Idempotency-Key and its device time. */
type Tap = { code: string; status: string; reason?: string; key: string; at: string };
export type Ack = { code: string; status: string };

/**
 * How a courier's day goes: always online; offline for the middle third of the doorstep
 * rounds (taps wait in a local queue with their keys and device times); or offline like that
 * and, while the queue is being sent, the admin ends the session.
 */
export type CourierMode = "online" | "offline" | "session-ends";

export type CourierLedger = {
  name: string;
  mode: CourierMode;
  acks: Ack[];
  /** Taps the server refused or that never got an answer after every retry. */
  lost: { code: string; status: string; answer: number }[];
  /** 401s met (the ended session) and logins made again after them. */
  unauthorized: number;
  relogins: number;
  queued: number;
};

export type CourierHooks = { onAck: () => void; endSession: () => Promise<void> };

const tap = (code: string, status: string, reason?: string): Tap => ({
  code,
  status,
  ...(reason ? { reason } : {}),
  key: randomUUID(),
  at: new Date().toISOString(),
});

/**
 * A courier's day through the API: log in, pick up the whole list at the depot, mark it in
 * transit, then door to door out for delivery → delivered (every fifth: a failed attempt,
 * nobody home). Every tap is retried with its own key until it is acknowledged.
 */
export async function courierDay(
  client: PilotClient,
  account: Account,
  codes: string[],
  mode: CourierMode,
  hooks: CourierHooks,
): Promise<CourierLedger> {
  const ledger: CourierLedger = {
    name: client.name,
    mode,
    acks: [],
    lost: [],
    unauthorized: 0,
    relogins: 0,
    queued: 0,
  };
  await logIn(client, account);
  const send = async (item: Tap) => {
    const body = { status: item.status, at: item.at, ...(item.reason ? { reason: item.reason } : {}) };
    const post = () =>
      client.json("courier: status update", "POST", `/api/v1/parcels/${item.code}/events`, body, {
        "idempotency-key": item.key,
        origin: client.origin,
      });
    let answer = await withRetries(post);
    if (answer.status === 401) {
      ledger.unauthorized += 1;
      await logIn(client, account, "courier: log in again");
      ledger.relogins += 1;
      answer = await withRetries(post);
    }
    if (answer.status === 201) {
      ledger.acks.push({ code: item.code, status: item.status });
      hooks.onAck();
    } else ledger.lost.push({ code: item.code, status: item.status, answer: answer.status });
  };
  for (const code of codes) await send(tap(code, "picked_up"));
  for (const code of codes) await send(tap(code, "in_transit"));
  const offlineFrom = mode === "online" ? Infinity : Math.floor(codes.length / 3);
  const offlineTo = Math.ceil((2 * codes.length) / 3);
  const queue: Tap[] = [];
  for (const [i, code] of codes.entries()) {
    const round = [tap(code, "out_for_delivery")];
    round.push(i % 5 === 4 ? tap(code, "failed_attempt", "absent") : tap(code, "delivered"));
    if (i >= offlineFrom && i < offlineTo) {
      queue.push(...round);
      continue;
    }
    if (queue.length > 0) await flush(queue, mode, send, hooks, ledger);
    for (const item of round) await send(item);
  }
  if (queue.length > 0) await flush(queue, mode, send, hooks, ledger);
  return ledger;
}

/** Back online: the queue goes out once, oldest device time first; the session may end halfway. */
async function flush(
  queue: Tap[],
  mode: CourierMode,
  send: (item: Tap) => Promise<void>,
  hooks: CourierHooks,
  ledger: CourierLedger,
): Promise<void> {
  const items = queue.splice(0).sort((a, b) => a.at.localeCompare(b.at));
  ledger.queued += items.length;
  for (const [i, item] of items.entries()) {
    if (mode === "session-ends" && i === Math.floor(items.length / 2)) await hooks.endSession();
    await send(item);
  }
}
