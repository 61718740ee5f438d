import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { apiError } from "@/lib/http/api-response";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's endpoints, read-only: GET /api/auth/session (and csrf) for clients that ask it
 * who they are. Its sign-in, callback and sign-out endpoints are closed, so POST /api/auth/login
 * stays the one door that creates a session (throttled, IP and user agent recorded) and
 * POST /api/auth/logout the one that ends it.
 */
const READ_ONLY = new Set(["session", "csrf"]);

async function GET(request: Request, context: Context) {
  const params = await context.params;
  if (params.nextauth.length !== 1 || !READ_ONLY.has(params.nextauth[0] ?? "")) {
    return apiError(404, "not_found", "Not found.");
  }
  // next-auth 4 reads `params.nextauth` synchronously; Next 16 hands params over as a promise.
  return NextAuth(request as never, { params } as never, authOptions());
}

function POST() {
  return apiError(404, "not_found", "Sign in through POST /api/auth/login.");
}

export { GET, POST };
