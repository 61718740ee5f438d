import { apiRoute, callers } from "@/lib/http/api-route";
import { apiJson } from "@/lib/http/api-response";
import { ok } from "@/lib/openapi/parts";

export const dynamic = "force-dynamic";

/** `{ userId }` and nothing more, so the offline outbox (page and service worker) sends only its owner's items. */
export const GET = apiRoute(
  {
    route: "/api/v1/courier/me",
    callers: callers.courier,
    openapi: {
      summary: "Whose courier session this is, `{ userId }` only: the offline outbox sends that user's items alone",
      responses: ok("The signed-in courier's user id"),
    },
  },
  async ({ caller }) => apiJson({ userId: caller.userId }),
);
