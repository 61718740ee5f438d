"use server";

import { authAction } from "@/lib/actions/auth-action";
import { appDeps } from "@/lib/runtime/app-deps";
import { createWebhook, deleteWebhook, webhookInputSchema, webhookTargetSchema } from "./endpoints";

// Public endpoints like every server action: authAction checks session, role and input first,
// and the carrier is always the admin's own.

/** A new endpoint; the answer is the only time its signing secret is ever shown. */
export const createWebhookAction = authAction(["admin"], webhookInputSchema, (input, user) =>
  createWebhook(appDeps(), user.carrierId, input),
);

export const deleteWebhookAction = authAction(["admin"], webhookTargetSchema, ({ id }, user) =>
  deleteWebhook(appDeps().db, user.carrierId, id),
);
