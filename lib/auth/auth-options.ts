import type { NextAuthOptions } from "next-auth";
import { appDeps } from "@/lib/runtime/app-deps";
import { sessionPolicy } from "./session";
import { readSession } from "./session-store";

/**
 * next-auth (JWT strategy) only reads sessions here: GET /api/auth/session answers clients
 * that ask who they are, from the same cookie and Redis-backed `sid` as every page. It has no
 * provider, so it can never mint a session: POST /api/auth/login is the one door. Built per
 * request, from the validated env.
 */
export function authOptions(): NextAuthOptions {
  const deps = appDeps();
  return {
    secret: deps.config.AUTH_SECRET,
    useSecureCookies: deps.config.PUBLIC_URL.startsWith("https://"),
    session: { strategy: "jwt", maxAge: deps.config.SESSION_MAX_HOURS * 3600 },
    pages: { signIn: "/login" },
    providers: [],
    callbacks: {
      // The session id must still be live in Redis, or next-auth drops the cookie.
      async jwt({ token }) {
        const { sid: jti, sub: userId } = token;
        const live =
          typeof jti === "string" &&
          typeof userId === "string" &&
          (await readSession(deps.redis, sessionPolicy(deps.config), { userId, jti }));
        if (!live) throw new Error("the session has ended");
        return token;
      },
    },
  };
}
