import { z } from "zod";
import { apiRoute, callers } from "@/lib/http/api-route";
import { storedJson } from "@/lib/http/stored-response";
import { content, errors, json, POSTAL_RULES, registeredSchema } from "@/lib/openapi/parts";
import { batchInputSchema, parcelInputSchema } from "@/lib/parcels/parcel-input";
import { registerFromBody } from "@/lib/parcels/register-request";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

const MAX_BATCH_BYTES = 16 * 1024 * 1024;

/** POST /api/v1/parcels/batch: up to 10,000 parcels, all or nothing. */
export const POST = apiRoute(
  {
    route: "/api/v1/parcels/batch",
    callers: callers.apiKey,
    scope: "parcels:write",
    idempotencyKey: "optional",
    body: { maxBytes: MAX_BATCH_BYTES, schema: batchInputSchema, parsedBy: "feature" },
    openapi: {
      summary: "Register up to 10,000 parcels, all or nothing (API key)",
      description: POSTAL_RULES,
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              ...json(batchInputSchema),
              properties: { parcels: { type: "array", maxItems: 10_000, items: json(parcelInputSchema) } },
            },
          },
        },
      },
      responses: {
        "201": {
          description: "Codes in input order",
          content: content(z.object({ parcels: z.array(registeredSchema) })),
        },
        ...errors,
      },
    },
  },
  async ({ caller, body, idempotencyKey }) =>
    storedJson(await registerFromBody(appDeps(), caller, "batch", body, idempotencyKey)),
);
