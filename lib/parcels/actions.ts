"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { authAction } from "@/lib/actions/auth-action";
import { failure, ok, type Result } from "@/lib/core/result";
import { verifySession } from "@/lib/auth/dal";
import { viewerOf } from "@/lib/core/session-user";
import { appDeps } from "@/lib/runtime/app-deps";
import { requestMeta } from "@/lib/http/request-meta";
import { parcelInputSchema } from "./parcel-input";
import type { ParcelView } from "./parcel-view";
import { registerParcels, type RegisteredParcel } from "./register";
import { resolveParcel } from "./resolve";

/**
 * The in-app scanner's lookup: the viewer comes from the session (anonymous when
 * there is none, or when Redis cannot confirm it), with the same rules, audit
 * and rate limits as the page and the API.
 */
export async function resolveParcelAction(code: unknown): Promise<Result<ParcelView>> {
  const parsed = z.string().max(200).safeParse(code);
  if (!parsed.success) return failure("not_found", "No parcel has this code.");
  const user = await verifySession().catch(() => null);
  const outcome = await resolveParcel(appDeps(), viewerOf(user), parsed.data, requestMeta(await headers()));
  if (outcome.kind === "found") return ok(outcome.view);
  if (outcome.kind === "rate_limited")
    return failure("rate_limited", `Too many lookups. Try again in ${outcome.retryAfterSeconds} s.`);
  return failure("not_found", "No parcel has this code.");
}

/** The admin form's registration: one parcel for the admin's own carrier. */
export const registerParcelAction = authAction(["admin"], parcelInputSchema, async (input, user) => {
  const { db, config } = appDeps();
  const [registered] = await db.transaction((tx) =>
    registerParcels(tx, { carrierId: user.carrierId, userId: user.userId }, [input], config),
  );
  return ok(registered as RegisteredParcel);
});
