// @ts-check
/**
 * Serwist in configurator mode: `next build && serwist build serwist.config.mjs` bundles app/sw.ts
 * into public/sw.js after Next has written its static assets, with the list of files to precache.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { serwist } from "@serwist/next/config";

// The offline page is rendered by the server, so it has no file hash of its own: the build id
// changes with every build and makes the worker fetch the page again.
const revision = createHash("sha256").update(fs.readFileSync(".next/BUILD_ID")).digest("hex").slice(0, 16);

export default serwist({
  swSrc: "app/sw.ts",
  swDest: "public/sw.js",
  // Prerendered HTML would be served from the precache before the network: no page is, so that a
  // page can never be frozen in one language or hold anyone's data.
  precachePrerendered: false,
  // Server-only and generated files under public/ never belong in the browser's caches.
  globIgnores: ["public/sw.js", "public/sw.js.map"],
  additionalPrecacheEntries: [{ url: "/~offline", revision }],
});
