import { z } from "zod";
import { apiRoute, callers } from "@/lib/http/api-route";
import { apiError, apiJson } from "@/lib/http/api-response";
import { callerCarrierId } from "@/lib/http/caller";
import { content, errors, ok } from "@/lib/openapi/parts";
import { appDeps } from "@/lib/runtime/app-deps";
import { createWebhook, listWebhooks, webhookInputSchema } from "@/lib/webhooks/endpoints";

export const dynamic = "force-dynamic";

const createdSchema = z.object({ id: z.uuid(), secret: z.string() });

/** `{ url, events }`: a new endpoint of the caller's carrier; its signing secret is answered this once. */
export const POST = apiRoute(
  {
    route: "/api/v1/webhooks",
    callers: callers.roles("admin"),
    scope: "webhooks",
    sameOriginSessions: true,
    body: { maxBytes: 8 * 1024, schema: webhookInputSchema },
    openapi: {
      summary: "Register a webhook endpoint (API key or admin session); the secret is shown only in this answer",
      description:
        "The URL must be https and resolve to public addresses only (unless the server runs with WEBHOOK_ALLOW_PRIVATE=true). Deliveries are signed: docs/webhooks.md.",
      responses: { "201": { description: "The endpoint", content: content(createdSchema) }, ...errors },
    },
  },
  async ({ caller, body }) => {
    const made = await createWebhook(appDeps(), callerCarrierId(caller), body);
    if (made.ok) return apiJson(made.data, 201);
    const status = made.error.code === "invalid_input" ? 400 : 409;
    return apiError(
      status,
      made.error.code,
      made.error.message,
      made.error.fields ? { fields: made.error.fields } : {},
    );
  },
);

/** The caller's carrier's endpoints with their latest deliveries; never a secret. */
export const GET = apiRoute(
  {
    route: "/api/v1/webhooks",
    callers: callers.roles("admin"),
    scope: "webhooks",
    openapi: {
      summary: "The carrier's webhook endpoints with their recent deliveries",
      responses: ok("The endpoints"),
    },
  },
  async ({ caller }) => apiJson({ webhooks: await listWebhooks(appDeps().db, callerCarrierId(caller)) }),
);
