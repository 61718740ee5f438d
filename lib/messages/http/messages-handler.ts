import "server-only";
import { apiError, apiJson, rateLimited } from "@/lib/http/api-response";
import { appDeps } from "@/lib/runtime/app-deps";
import { readJson } from "@/lib/http/read-json";
import { requireParcelCaller, type ParcelCaller } from "@/lib/recipient/http/parcel-caller";
import { notFound } from "@/lib/parcels/http/outcome-response";
import { consumeTokens, type BucketPolicy } from "@/lib/rate-limit/token-bucket";
import { fieldErrors } from "@/lib/validation/field-errors";
import { messageAccess } from "../message-access";
import { appendMessage, messageInputSchema, readThread, type Participant } from "../thread";

const MAX_BYTES = 4 * 1024;
// Short notes about one delivery: a burst of ten, then two a minute.
const SEND_POLICY: BucketPolicy = { name: "message", capacity: 10, refillPerHour: 120 };

/** Only the owner and the assigned courier, by session: anyone else gets the answer an unknown code gets. */
async function participant(request: Request, code: string) {
  const check = await requireParcelCaller(request, code, ["recipient", "courier"], ["owner", "assigned_courier"]);
  if (!check.ok) return check;
  const { viewer, parcel, relation } = check.value;
  if (viewer.kind !== "recipient" && viewer.kind !== "courier") return { ok: false as const, response: notFound() };
  const access = messageAccess(relation, parcel);
  const who: Participant = { userId: viewer.userId, role: viewer.kind };
  return { ok: true as const, caller: check.value, access, who };
}

function threadOf(caller: ParcelCaller, who: Participant) {
  const { db, config } = appDeps();
  return readThread(db, config, caller.parcel.id, who);
}

/** GET /api/v1/parcels/{code}/messages → `{ open, messages }`. */
export async function getMessagesHandler(request: Request, code: string): Promise<Response> {
  const check = await participant(request, code);
  if (!check.ok) return check.response;
  if (!check.access.read) return notFound();
  return apiJson({ open: check.access.write, messages: await threadOf(check.caller, check.who) });
}

/** POST /api/v1/parcels/{code}/messages `{ body }` → 201; 409 once the delivery has ended. */
export async function postMessageHandler(request: Request, code: string): Promise<Response> {
  const check = await participant(request, code);
  if (!check.ok) return check.response;
  if (!check.access.read) return notFound();
  const body = await readJson(request, MAX_BYTES);
  if (!body.ok) return body.response;
  const input = messageInputSchema.safeParse(body.value);
  if (!input.success) {
    return apiError(400, "invalid_input", "Some fields are not valid.", { fields: fieldErrors(input.error) });
  }
  const { db, redis, config } = appDeps();
  const limit = await consumeTokens(redis, SEND_POLICY, check.who.userId, 1);
  if (!limit.allowed) return rateLimited(limit.retryAfterSeconds);
  const sent = await appendMessage(db, config, check.caller.parcel.id, check.who, input.data.body);
  if (!sent) return apiError(409, "thread_closed", "Messages close when the delivery ends.");
  return apiJson(sent, 201);
}
