"use server";

import { authAction } from "@/lib/actions/auth-action";
import { failure, ok } from "@/lib/core/result";
import { appDeps } from "@/lib/runtime/app-deps";
import { handleReport, handleReportSchema } from "./handle-report";

// A public endpoint like every server action: authAction checks session, role and input, and
// handleReport only touches the admin's own carrier's reports.

/** The inbox's "mark handled / reopen" with the admin's note. */
export const handleReportAction = authAction(["admin"], handleReportSchema, async (input, user) => {
  const changed = await handleReport(appDeps().db, { userId: user.userId, carrierId: user.carrierId }, input);
  return changed ? ok({ reference: input.reference }) : failure("not_found", "No report has this reference.");
});
