"use server";

import { authAction } from "@/lib/actions/auth-action";
import { appDeps } from "@/lib/runtime/app-deps";
import { apiKeyCreateSchema, apiKeyTargetSchema, createApiKey, revokeApiKey } from "./manage";

// Public endpoints like every server action: authAction checks session, role and input first,
// and the carrier is always the admin's own.

/** A new key; the answer is the only time the key itself is ever shown. */
export const createApiKeyAction = authAction(["admin"], apiKeyCreateSchema, (input, user) =>
  createApiKey(appDeps().db, user.carrierId, input),
);

export const revokeApiKeyAction = authAction(["admin"], apiKeyTargetSchema, ({ keyId }, user) =>
  revokeApiKey(appDeps().db, user.carrierId, keyId),
);
