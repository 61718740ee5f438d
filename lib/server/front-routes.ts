import { answerLogin, LOGIN_MAX_BODY_BYTES } from "@/lib/auth/http/login-handler";
import { answerOutages } from "@/lib/http/dependency-errors";
import { nodeHeaders } from "@/lib/http/plain-answer";
import { MAX_BATCH_BYTES, registerBatchHandler } from "@/lib/parcels/http/register-handler";
import { resolveHandler } from "@/lib/parcels/http/resolve-handler";
import { webRoute, type FrontRoute } from "./api-front";

/**
 * app/api/v1/parcels/[code]/route.ts's path: one segment, any query, but not its static
 * sibling batch/ (whose route has no GET, so Next.js answers 405 there).
 */
const PARCEL_PATH = /^\/api\/v1\/parcels\/(?!batch(?:\?|$))([^/?]+)(?:\?.*)?$/;

/** What scripts/serve.ts answers before Next.js (api-front.ts); each as its route file does. */
export const FRONT_ROUTES: FrontRoute[] = [
  {
    method: "POST",
    path: "/api/auth/login",
    maxBodyBytes: LOGIN_MAX_BODY_BYTES,
    handle: ({ req, body, meta }) => answerLogin({ headers: nodeHeaders(req.headers), body, meta }),
  },
  {
    method: "POST",
    path: "/api/v1/parcels/batch",
    maxBodyBytes: MAX_BATCH_BYTES,
    handle: webRoute((request) => answerOutages(() => registerBatchHandler(request))),
  },
  {
    method: "GET",
    path: PARCEL_PATH,
    maxBodyBytes: 0,
    handle: webRoute((request, meta, [code]) => answerOutages(() => resolveHandler(request, code ?? "", meta))),
  },
];
