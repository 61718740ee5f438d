import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { appDeps } from "@/lib/http/app-deps";
import { requestMeta } from "@/lib/http/request-meta";
import { verifyCredentials, type VerifiedUser } from "./credentials";
import { sessionPolicy, startSession } from "./session";
import { readSession, revokeSession } from "./session-store";

/**
 * next-auth (credentials provider, JWT strategy) for clients that use its own
 * endpoints (`signIn("credentials")`, /api/auth/session). It shares everything
 * with POST /api/auth/login: the same credential check and throttling, the same
 * Redis-backed jti, the same cookie. Built per request, from the validated env.
 */
export function authOptions(): NextAuthOptions {
  const deps = appDeps();
  return {
    secret: deps.config.AUTH_SECRET,
    useSecureCookies: deps.config.PUBLIC_URL.startsWith("https://"),
    session: { strategy: "jwt", maxAge: deps.config.SESSION_MAX_HOURS * 3600 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "EXQRESS",
        credentials: { identifier: { type: "text" }, password: { type: "password" } },
        async authorize(credentials, request) {
          const headers = new Headers(request.headers as Record<string, string>);
          const result = await verifyCredentials(
            deps,
            { identifier: credentials?.identifier ?? "", password: credentials?.password ?? "" },
            requestMeta(headers),
          );
          if (!result.ok) return null;
          // The session is minted later, in the jwt callback: forget the failures now.
          await deps.redis.del(...result.clearFailures);
          return { id: result.user.userId, ...result.user };
        },
      }),
    ],
    callbacks: {
      // On sign-in (`user` is set) mint the Redis session and carry its id in the token; on
      // every later read (/api/auth/session) the id must still be live, or next-auth drops the cookie.
      async jwt({ token, user }) {
        if (!user) {
          const live =
            typeof token.sid === "string" && (await readSession(deps.redis, sessionPolicy(deps.config), token.sid));
          if (!live) throw new Error("the session has ended");
          return token;
        }
        const { user: session } = await startSession(deps, user as unknown as VerifiedUser, {
          ip: null,
          userAgent: null,
        });
        return {
          ...token,
          sub: session.userId,
          sid: session.jti,
          role: session.role,
          carrierId: session.carrierId,
          phoneHash: session.phoneHash,
        };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeSession(deps.redis, token.sid);
      },
    },
  };
}
