import { apiRoute, callers } from "@/lib/http/api-route";
import { storedJson } from "@/lib/http/stored-response";
import { content, errors, POSTAL_RULES, registeredSchema } from "@/lib/openapi/parts";
import { parcelInputSchema } from "@/lib/parcels/parcel-input";
import { registerFromBody } from "@/lib/parcels/register-request";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  {
    route: "/api/v1/parcels",
    callers: callers.apiKey,
    scope: "parcels:write",
    idempotencyKey: "optional",
    body: { maxBytes: 64 * 1024, schema: parcelInputSchema, parsedBy: "feature" },
    openapi: {
      summary: "Register one parcel (API key)",
      description: POSTAL_RULES,
      responses: { "201": { description: "Registered", content: content(registeredSchema) }, ...errors },
    },
  },
  async ({ caller, body, idempotencyKey }) =>
    storedJson(await registerFromBody(appDeps(), caller, "single", body, idempotencyKey)),
);
