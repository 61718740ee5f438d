"use server";

import { z } from "zod";
import { authAction } from "@/lib/actions/auth-action";
import { appDeps } from "@/lib/runtime/app-deps";
import { assignSelection, selectionSchema } from "@/lib/parcels/assign-selection";
import { endCourierSession } from "./couriers";

// Every export here is a public endpoint: each goes through authAction (session, role, schema),
// and each lib call is scoped to the admin's own carrier. Creating, disabling and ending all of
// a courier's sessions are lib/auth/actions.ts's staff actions.

/** Ends one live session of one of the carrier's couriers. */
export const endCourierSessionAction = authAction(
  ["admin"],
  z.object({ userId: z.uuid(), handle: z.string().min(1).max(64) }),
  (input, user) => endCourierSession(appDeps(), user.carrierId, input),
);

/** The parcel list's "assign the selected parcels" (or unassign them, with no courier). */
export const assignSelectionAction = authAction(["admin"], selectionSchema, (input, user) =>
  assignSelection(appDeps(), user.carrierId, input),
);
