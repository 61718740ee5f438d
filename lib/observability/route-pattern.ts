import fs from "node:fs";
import path from "node:path";

export type RoutesManifest = {
  staticRoutes: { page: string }[];
  dynamicRoutes: { page: string; regex: string }[];
};

export type RoutePattern = (pathname: string) => string;

/**
 * Turns a request path into the route it was served by (`/p/[code]`, never the code itself),
 * from the route list `next build` wrote. Anything else (public files, unknown paths) is
 * `other`, so a label never carries what a caller typed.
 */
export function routePatterns(manifest: RoutesManifest): RoutePattern {
  const statics = new Set(manifest.staticRoutes.map((route) => route.page));
  const dynamics = manifest.dynamicRoutes.map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  return (pathname) => {
    if (pathname.startsWith("/_next/")) return pathname.startsWith("/_next/static/") ? "/_next/static" : "/_next";
    const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
    if (statics.has(trimmed)) return trimmed;
    return dynamics.find((route) => route.regex.test(trimmed))?.page ?? "other";
  };
}

/** The running build's routes (`next start` and the standalone server both run from the app's folder). */
export function loadRoutePatterns(dir = process.cwd()): RoutePattern {
  for (const file of [".next/routes-manifest.json", ".next/dev/routes-manifest.json"]) {
    const full = path.join(dir, file);
    if (fs.existsSync(full)) return routePatterns(JSON.parse(fs.readFileSync(full, "utf8")) as RoutesManifest);
  }
  return routePatterns({ staticRoutes: [], dynamicRoutes: [] });
}
