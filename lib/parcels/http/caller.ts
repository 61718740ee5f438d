import { authenticateApiKey, type ApiKeyCaller } from "@/lib/api-keys/authenticate";
import { getDb } from "@/db/client";
import { apiError } from "@/lib/http/api-response";

export type CallerCheck = { ok: true; caller: ApiKeyCaller } | { ok: false; response: Response };

/** Every carrier API route starts here: no valid key, no answer (401), whatever else the request says. */
export async function requireApiKey(request: Request): Promise<CallerCheck> {
  const caller = await authenticateApiKey(getDb(), request.headers.get("authorization"));
  if (caller) return { ok: true, caller };
  return {
    ok: false,
    response: apiError(401, "unauthorized", "Send a valid API key as `Authorization: Bearer <key>`.", {
      headers: { "WWW-Authenticate": 'Bearer realm="exqress"' },
    }),
  };
}
