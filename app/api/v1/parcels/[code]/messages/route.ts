import { apiRoute, callers, parcelCodeParams } from "@/lib/http/api-route";
import { apiError, apiJson, rateLimited } from "@/lib/http/api-response";
import { notFound } from "@/lib/http/outcome-response";
import type { ParcelAccess } from "@/lib/http/route-declaration";
import { messageAccess } from "@/lib/messages/message-access";
import { markThreadRead } from "@/lib/messages/reads";
import { appendMessage, messageInputSchema, readThread, type Participant } from "@/lib/messages/thread";
import { created, ok } from "@/lib/openapi/parts";
import { consumeTokens, type BucketPolicy } from "@/lib/rate-limit/token-bucket";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

// Short notes about one delivery: a burst of ten, then two a minute.
const SEND_POLICY: BucketPolicy = { name: "message", capacity: 10, refillPerHour: 120 };

/** Only the owner and the assigned courier, by session: anyone else gets the answer an unknown code gets. */
const participants = {
  callers: callers.roles("recipient", "courier"),
  params: parcelCodeParams,
  parcel: ["owner", "assigned_courier"],
} as const;

/** The participant and what they may do, or null when the thread is none of theirs to read. */
function participant({ viewer, parcel, relation }: ParcelAccess) {
  if (viewer.kind !== "recipient" && viewer.kind !== "courier") return null;
  const access = messageAccess(relation, parcel);
  const who: Participant = { userId: viewer.userId, role: viewer.kind };
  return access.read ? { access, who } : null;
}

/** → `{ open, messages }`, and the thread counts as read. */
export const GET = apiRoute(
  {
    route: "/api/v1/parcels/[code]/messages",
    ...participants,
    openapi: { summary: "The thread (the owner or the assigned courier)", responses: ok("The thread") },
  },
  async ({ parcel }) => {
    const reader = participant(parcel);
    if (!reader) return notFound();
    const { db, config } = appDeps();
    const thread = await readThread(db, config, parcel.parcel.id, reader.who);
    // Reading is what clears the unread count: up to the newest message this reader was shown.
    const newest = thread.at(-1);
    if (newest) await markThreadRead(db, parcel.parcel.id, reader.who.userId, newest.id);
    return apiJson({ open: reader.access.write, messages: thread });
  },
);

/** `{ body }` → 201; 409 once the delivery has ended. */
export const POST = apiRoute(
  {
    route: "/api/v1/parcels/[code]/messages",
    ...participants,
    body: { maxBytes: 4 * 1024, schema: messageInputSchema },
    openapi: { summary: "Send a message while the delivery is active", responses: created("Sent") },
  },
  async ({ parcel, body }) => {
    const sender = participant(parcel);
    if (!sender) return notFound();
    const { db, redis, config } = appDeps();
    const limit = await consumeTokens(redis, SEND_POLICY, sender.who.userId, 1);
    if (!limit.allowed) return rateLimited(limit.retryAfterSeconds);
    const sent = await appendMessage(db, config, parcel.parcel.id, sender.who, body.body);
    if (!sent) return apiError(409, "thread_closed", "Messages close when the delivery ends.");
    return apiJson(sent, 201);
  },
);
