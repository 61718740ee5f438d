"use server";

import { z } from "zod";
import { authAction } from "@/lib/actions/auth-action";
import { failure, ok } from "@/lib/core/result";
import { appDeps } from "@/lib/runtime/app-deps";
import { parseParcelCode } from "@/lib/parcels/code";
import { reissueCode } from "@/lib/parcels/reissue";

// Every export here is a public endpoint: each goes through authAction (session, role, schema),
// and each lib call is scoped to the admin's own carrier.

/** A new label code for one of the carrier's parcels; the old code answers like an unknown one. */
export const reissueLabelAction = authAction(["admin"], z.object({ code: z.string().max(64) }), async (input, user) => {
  const code = parseParcelCode(input.code);
  const fresh = code ? await reissueCode(appDeps(), user.carrierId, code) : null;
  if (!code || !fresh) return failure("not_found", "No parcel has this code.");
  return ok({ code: fresh });
});
