import "server-only";
import type { Transaction } from "@/db/client";
import { codeTail, COURIER_PATH, isNotifiedStatus, ownerPath } from "@/lib/core/push-notice";
import { notifyOnCommit } from "./queue";

/** The parcel's owner hears that it is out for delivery, delivered, or that an attempt failed. */
export function notifyStatusOnCommit(tx: Transaction, parcel: { id: string; code: string }, status: string): void {
  if (!isNotifiedStatus(status)) return;
  const notice = { kind: "status", status, codeTail: codeTail(parcel.code), path: ownerPath(parcel.code) } as const;
  notifyOnCommit(tx, { ownerOf: parcel.id }, notice);
}

/** The other side of the thread hears of a new message: the courier of the recipient's, and back. */
export function notifyMessageOnCommit(
  tx: Transaction,
  parcel: { id: string; code: string; courierId: string | null },
  from: "recipient" | "courier",
): void {
  const tail = codeTail(parcel.code);
  if (from === "courier") {
    notifyOnCommit(tx, { ownerOf: parcel.id }, { kind: "message", codeTail: tail, path: ownerPath(parcel.code) });
  } else if (parcel.courierId) {
    notifyOnCommit(tx, { userId: parcel.courierId }, { kind: "message", codeTail: tail, path: COURIER_PATH });
  }
}

/** A courier hears of new assignments: one notice for the lot, however many parcels. */
export function notifyAssignedOnCommit(tx: Transaction, courierId: string, codes: readonly string[]): void {
  const [first] = codes;
  if (!first) return;
  const notice = { kind: "assigned", count: codes.length, codeTail: codeTail(first), path: COURIER_PATH } as const;
  notifyOnCommit(tx, { userId: courierId }, notice);
}
