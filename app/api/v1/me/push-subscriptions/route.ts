import { apiRoute, callers } from "@/lib/http/api-route";
import { apiError } from "@/lib/http/api-response";
import { created, errors } from "@/lib/openapi/parts";
import {
  removeSubscription,
  saveSubscription,
  subscriptionSchema,
  unsubscribeSchema,
} from "@/lib/notifications/subscriptions";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

const SESSIONS = callers.roles("recipient", "courier", "admin");
const notASession = () => apiError(403, "forbidden", "Only a signed-in person's browser subscribes to notifications.");

/**
 * The signed-in browser's PushSubscription: this device hears of the account's parcels (the owner's
 * status changes and messages, a courier's new assignments and messages). Same origin only: a
 * cross-site page must not point someone's notifications at a device of its own.
 */
export const POST = apiRoute(
  {
    route: "/api/v1/me/push-subscriptions",
    callers: SESSIONS,
    sameOriginSessions: true,
    body: { maxBytes: 4096, schema: subscriptionSchema },
    openapi: {
      summary: "Subscribe this browser to push notifications",
      description: "The endpoint's host must be one of the server's PUSH_SERVICE_HOSTS (https).",
      responses: created("Subscribed"),
    },
  },
  async ({ caller, body }) => {
    if (caller.kind !== "session") return notASession();
    const saved = await saveSubscription(appDeps(), caller.user, body);
    if (!saved.ok) return apiError(400, saved.error.code, saved.error.message, { fields: saved.error.fields });
    return new Response(null, { status: 201, headers: { "Cache-Control": "no-store" } });
  },
);

/** `{ endpoint }`: that subscription stops, if it is the caller's own; 204 either way. */
export const DELETE = apiRoute(
  {
    route: "/api/v1/me/push-subscriptions",
    callers: SESSIONS,
    sameOriginSessions: true,
    body: { maxBytes: 4096, schema: unsubscribeSchema },
    openapi: {
      summary: "Unsubscribe a browser of the caller's from push notifications",
      responses: { "204": { description: "Unsubscribed" }, ...errors },
    },
  },
  async ({ caller, body }) => {
    if (caller.kind !== "session") return notASession();
    await removeSubscription(appDeps().db, caller.user.userId, body.endpoint);
    return new Response(null, { status: 204 });
  },
);
