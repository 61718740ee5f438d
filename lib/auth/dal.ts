import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { env } from "@/lib/config/env";
import { getRedis } from "@/lib/redis/client";
import { FIRST_PASSWORD_PATH } from "./first-password";
import { sessionFromToken } from "./session";
import { hasRole, type Role, type SessionUser, type UserWithRole } from "@/lib/core/session-user";
import { sessionCookieName } from "./token";

async function sessionOfCookie(pendingPassword: "refuse" | "allow"): Promise<SessionUser | null> {
  const config = env();
  const value = (await cookies()).get(sessionCookieName(config))?.value;
  return sessionFromToken({ redis: getRedis(), config }, value, pendingPassword);
}

/**
 * The data-access layer: every page, server action and route handler asks here
 * who the user is. Cached per request (React `cache`), so a page and its parts
 * cost one Redis read together.
 */
export const verifySession = cache((): Promise<SessionUser | null> => sessionOfCookie("refuse"));

/**
 * Also a session whose password is temporary (an admin set it): for the password change and
 * its page only. Everything else asks verifySession, which counts such a session as none.
 */
export const verifySessionAllowingPasswordChange = cache((): Promise<SessionUser | null> => sessionOfCookie("allow"));

/**
 * For pages: no session → the login page, coming back here afterwards; a session that must
 * change its temporary password first → the password step.
 */
export async function requireSession(returnTo: string): Promise<SessionUser> {
  const user = await verifySession();
  if (user) return user;
  if (await verifySessionAllowingPasswordChange()) redirect(FIRST_PASSWORD_PATH);
  redirect(`/login?next=${encodeURIComponent(returnTo)}`);
}

/** For pages: the wrong role sees "not found", so an area's existence is not confirmed to outsiders. */
export async function requireRole<R extends Role>(returnTo: string, ...roles: R[]): Promise<UserWithRole<R>> {
  const user = await requireSession(returnTo);
  if (!hasRole(user, roles)) notFound();
  return user;
}
