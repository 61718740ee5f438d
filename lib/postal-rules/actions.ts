"use server";

import { authAction } from "@/lib/actions/auth-action";
import { appDeps } from "@/lib/runtime/app-deps";
import { deletePostalRule, ruleInputSchema, ruleTargetSchema, savePostalRule } from "./rules";

// Public endpoints like every server action: authAction checks session, role and input first,
// and the carrier is always the admin's own.

export const savePostalRuleAction = authAction(["admin"], ruleInputSchema, (input, user) =>
  savePostalRule(appDeps().db, user.carrierId, input),
);

export const deletePostalRuleAction = authAction(["admin"], ruleTargetSchema, ({ ruleId }, user) =>
  deletePostalRule(appDeps().db, user.carrierId, ruleId),
);
