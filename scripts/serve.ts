/**
 * The production server (`npm start` runs it through scripts/start.ts): Next.js
 * behind two small fronts for the requests that come in floods or in bulk:
 * - lib/server/parcel-page-front.ts serves a stranger's scan of a label from the
 *   masked page already rendered for it;
 * - lib/server/api-front.ts answers POST /api/auth/login, POST /api/v1/parcels/batch and
 *   GET /api/v1/parcels/{code}
 *   with their routes' own handlers, without Next.js's request handling around them.
 * Everything else goes to Next.js exactly as `next start` would handle it.
 */
import { createServer } from "node:http";
import next from "next";
import { env } from "@/lib/config/env";
import { appDeps } from "@/lib/http/app-deps";
import { securityHeaders } from "@/lib/http/security-headers";
import { resolveParcel } from "@/lib/parcels/resolve";
import { ANONYMOUS } from "@/lib/parcels/viewer";
import { apiFront } from "@/lib/server/api-front";
import { FRONT_ROUTES } from "@/lib/server/front-routes";
import { PageCache } from "@/lib/server/page-cache";
import { parcelPageFront } from "@/lib/server/parcel-page-front";

// About 2,500 parcel pages (HTML plus its gzip copy): the labels being scanned today.
const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

async function main(): Promise<void> {
  process.title = "exqress-server"; // what ps, top and the benchmarks' CPU monitor show
  const config = env();
  const app = next({ dev: false, dir: process.cwd(), port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  const pageFront = parcelPageFront(
    (code, meta) => resolveParcel(appDeps(), ANONYMOUS, code, meta),
    new PageCache(PAGE_CACHE_BYTES),
  );
  const headers = Object.fromEntries(securityHeaders(true).map(({ key, value }) => [key, value]));
  const api = apiFront(FRONT_ROUTES, headers);
  const server = createServer((req, res) => {
    const toNext = () => handle(req, res);
    api(req, res, () => pageFront(req, res, toNext)).catch((error: unknown) => {
      console.error("[exqress] request failed:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error");
    });
  });
  server.listen(config.PORT, () => console.log(`[exqress] Next.js ready on port ${config.PORT}`));

  const stop = () => {
    server.close();
    server.closeIdleConnections();
    void app.close().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
