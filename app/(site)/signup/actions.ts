"use server";

import { cookies, headers } from "next/headers";
import { z } from "zod";
import { publicAction } from "@/lib/actions/public-action";
import { ok } from "@/lib/core/result";
import { startSession } from "@/lib/auth/session";
import { completeSignup, sendSignupCode } from "@/lib/auth/signup";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth/token";
import { appDeps } from "@/lib/runtime/app-deps";
import { requestMeta } from "@/lib/http/request-meta";

// Sign-up is for people without a session, so these are public actions: still schema-checked,
// and throttled per phone and per caller IP inside lib/auth/otp.

export const sendCodeAction = publicAction(z.object({ phone: z.string().max(32) }), async ({ phone }) =>
  sendSignupCode(appDeps(), phone, requestMeta(await headers()).ip),
);

const signupSchema = z.object({
  phone: z.string().max(32),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "must be the 6 digits you received"),
  password: z.string().max(1024),
});

export const signupAction = publicAction(signupSchema, async (input) => {
  const deps = appDeps();
  const result = await completeSignup(deps, input);
  if (!result.ok) return result;
  const { token } = await startSession(deps, result.data, requestMeta(await headers()));
  (await cookies()).set(sessionCookieName(deps.config), token, sessionCookieOptions(deps.config));
  return ok({ redirectTo: "/parcels" });
});
