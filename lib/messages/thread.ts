import "server-only";
import { and, desc, eq, gte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { transaction } from "@/db/transaction";
import { messages, parcels, users } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { notifyMessageOnCommit } from "@/lib/notifications/triggers";
import { decryptPii, encryptPii, piiKeyRing } from "@/lib/privacy/pii-crypto";
import { freeText } from "@/lib/validation/free-text";
import { messageAccess } from "./message-access";

export type Participant = { userId: string; role: "recipient" | "courier" };

/** A message as either participant reads it: the sender's role and a courier's display name, never a phone. */
export type ThreadMessage = {
  id: number;
  from: "recipient" | "courier";
  courierName: string | null;
  mine: boolean;
  body: string;
  at: string;
};

export const messageInputSchema = z.strictObject({
  body: freeText(500),
});

type Config = Pick<Env, "PII_KEYS">;

/** Each body is bound to its parcel: a ciphertext moved to another thread does not decrypt. */
const bodyAad = (parcelId: string) => `message:${parcelId}`;

// A thread is a few lines about one delivery; the newest hundred are all anyone needs.
const THREAD_LIMIT = 100;

/**
 * Which of a parcel's messages a reader sees: the recipient the whole thread, a courier only
 * their own assignment's (written since they were assigned, by them or by the recipient to
 * them), so a courier who takes over never reads what the recipient told the previous one.
 */
function visibleTo(reader: Participant, parcelId: string): SQL {
  const ofParcel = eq(messages.parcelId, parcelId);
  if (reader.role === "recipient") return ofParcel;
  const assignedAt = sql`coalesce(${parcels.courierAssignedAt}, ${parcels.createdAt})`;
  return and(ofParcel, eq(parcels.courierId, reader.userId), gte(messages.createdAt, assignedAt))!;
}

export async function readThread(
  db: Database,
  config: Config,
  parcelId: string,
  reader: Participant,
): Promise<ThreadMessage[]> {
  const rows = await db
    .select({
      id: messages.id,
      senderUserId: messages.senderUserId,
      role: messages.senderRole,
      keyId: messages.bodyKeyId,
      ciphertext: messages.bodyCiphertext,
      at: messages.createdAt,
      courierName: users.displayName,
    })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.senderUserId))
    .innerJoin(parcels, eq(parcels.id, messages.parcelId))
    .where(visibleTo(reader, parcelId))
    .orderBy(desc(messages.id))
    .limit(THREAD_LIMIT);
  // Read newest first to keep the newest hundred; shown oldest first, as a conversation reads.
  return rows.reverse().map((row) => ({
    id: row.id,
    from: row.role,
    courierName: row.role === "courier" ? row.courierName : null,
    mine: row.senderUserId === reader.userId,
    body: decryptPii(piiKeyRing(config.PII_KEYS), row.keyId, row.ciphertext, bodyAad(parcelId)).toString("utf8"),
    at: row.at.toISOString(),
  }));
}

/**
 * Appends a message, or returns null when the thread is closed; the other side hears of it by
 * push. The parcel row is locked and checked again: a delivery, purge or reassignment committed
 * since the caller looked wins.
 */
export async function appendMessage(
  db: Database,
  config: Config,
  parcelId: string,
  sender: Participant,
  body: string,
): Promise<{ id: number; at: string } | null> {
  return transaction(db, async (tx) => {
    const [parcel] = await tx
      .select({
        code: parcels.code,
        status: parcels.status,
        courierId: parcels.courierId,
        piiPurgedAt: parcels.piiPurgedAt,
      })
      .from(parcels)
      .where(eq(parcels.id, parcelId))
      .for("share");
    if (!parcel) return null;
    // The recipient's ownership cannot change; a courier's assignment can.
    const relation =
      sender.role === "recipient" ? "owner" : parcel.courierId === sender.userId ? "assigned_courier" : "none";
    const access = messageAccess(relation, { ...parcel, purged: parcel.piiPurgedAt !== null });
    if (!access.write) return null;
    const sealed = encryptPii(piiKeyRing(config.PII_KEYS), body, bodyAad(parcelId));
    const [row] = await tx
      .insert(messages)
      .values({
        parcelId,
        senderUserId: sender.userId,
        senderRole: sender.role,
        bodyKeyId: sealed.keyId,
        bodyCiphertext: sealed.ciphertext,
        // Stamped under the parcel's lock, like a reassignment (migration 0010), so the message
        // falls on the right side of it.
        createdAt: sql`clock_timestamp()`,
      })
      .returning({ id: messages.id, at: messages.createdAt });
    notifyMessageOnCommit(tx, { id: parcelId, code: parcel.code, courierId: parcel.courierId }, sender.role);
    return { id: row!.id, at: row!.at.toISOString() };
  });
}
