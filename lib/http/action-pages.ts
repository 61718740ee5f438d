import fs from "node:fs";
import path from "node:path";
import { routePatterns, type RoutesManifest } from "@/lib/observability/route-pattern";

type ActionsManifest = { node: Record<string, { workers: Record<string, unknown> }> };

/**
 * Which pages may receive a server action: `next build` lists, for each action id, the pages
 * whose code uses it (server-reference-manifest.json, "workers"), and for each page its route
 * (app-path-routes-manifest.json). An action posted to any other page is one Next.js would
 * forward to the first page that has it, over HTTP with the request's body, from this server
 * to itself; a caller with no business there gets the forwarded page's answer, and an aborted
 * forward leaves an uncaught exception in the server's log.
 */
export type ActionPages = {
  /** false: the id is the build's, but not one of the page this path is served by; true otherwise. */
  fits(actionId: string, pathname: string): boolean;
};

const NOT_FOUND_ROUTES = ["/_not-found", "/_global-not-found"];

export function actionPages(
  actions: ActionsManifest,
  appPathRoutes: Record<string, string>,
  routes: RoutesManifest,
): ActionPages {
  const routeOf = routePatterns(routes);
  const pagesByRoute = new Map<string, string[]>();
  for (const [page, route] of Object.entries(appPathRoutes)) {
    pagesByRoute.set(route, [...(pagesByRoute.get(route) ?? []), `app${page}`]);
  }
  return {
    fits(actionId, pathname) {
      const workers = Object.hasOwn(actions.node, actionId) ? actions.node[actionId]?.workers : undefined;
      // An id the build does not have: Next.js answers it itself (404, and the page reloads).
      if (!workers) return true;
      const route = routeOf(pathname);
      const pages =
        route === "other" ? NOT_FOUND_ROUTES.flatMap((r) => pagesByRoute.get(r) ?? []) : pagesByRoute.get(route);
      return (pages ?? []).some((page) => Object.hasOwn(workers, page));
    },
  };
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, "utf8")) as T;

let loaded: ActionPages | undefined;

/**
 * The running build's (`next start` and the standalone server both run from the app's folder),
 * read once. Without a production build (`next dev` compiles pages as they are asked for) every
 * action fits: Next.js's own checks apply.
 */
export function buildActionPages(dir = process.cwd()): ActionPages {
  if (loaded) return loaded;
  const dist = path.join(dir, ".next");
  const manifest = path.join(dist, "server", "server-reference-manifest.json");
  if (process.env.NODE_ENV !== "production" || !fs.existsSync(manifest)) return { fits: () => true };
  loaded = actionPages(
    readJson<ActionsManifest>(manifest),
    readJson<Record<string, string>>(path.join(dist, "app-path-routes-manifest.json")),
    readJson<RoutesManifest>(path.join(dist, "routes-manifest.json")),
  );
  return loaded;
}
