import { loginHandler } from "@/lib/auth/http/login-handler";
import { answerOutages } from "@/lib/http/dependency-errors";
import { MAX_BATCH_BYTES, registerBatchHandler } from "@/lib/parcels/http/register-handler";
import type { FrontRoute } from "./api-front";

/** What scripts/serve.ts answers before Next.js (api-front.ts); each as its route file does. */
export const FRONT_ROUTES: FrontRoute[] = [
  // A login form holds an identifier, a password (≤ 1 KiB) and a return path.
  { path: "/api/auth/login", maxBodyBytes: 16 * 1024, handle: loginHandler },
  {
    path: "/api/v1/parcels/batch",
    maxBodyBytes: MAX_BATCH_BYTES,
    handle: (request) => answerOutages(() => registerBatchHandler(request)),
  },
];
