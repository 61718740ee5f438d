"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { publicAction } from "@/lib/actions/public-action";
import { ok } from "@/lib/core/result";
import { LOCALE_COOKIE, LOCALES } from "./locale";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/** Remembers the language picked with the switch; a plain form post, so it works without JavaScript. */
export const setLocaleAction = publicAction(z.object({ locale: z.enum(LOCALES) }), async ({ locale }) => {
  (await cookies()).set(LOCALE_COOKIE, locale, {
    maxAge: ONE_YEAR_SECONDS,
    sameSite: "lax",
    path: "/",
    httpOnly: true,
  });
  return ok({ locale });
});
