/**
 * What the production build contains, read from the files `next build` (Next 16.4) writes,
 * so a sweep over "every route" and "every server action" cannot miss one that was added later.
 *
 * - `.next/app-path-routes-manifest.json`: `{ "/api/v1/parcels/[code]/route": "/api/v1/parcels/[code]",
 *   "/admin/page": "/admin", ... }`: every app entry (route group folders kept, `/route` or `/page` at
 *   the end) → the URL pattern it serves. `.next/server/app-paths-manifest.json` has the same keys
 *   (→ compiled file), so this one is enough.
 * - `.next/server/server-reference-manifest.json`: `{ node: { [actionId]: { workers: { "app/(site)/admin/page":
 *   { moduleId, async } }, filename: "lib/auth/actions.ts", exportedName: "createStaffAction" } }, edge:
 *   {...}, encryptionKey }`. Inline `"use server"` functions appear as `$$RSC_SERVER_ACTION_<n>`, numbered
 *   in source order within their file. Ids change with every build, so they are read at run time.
 *
 * Read these inside tests, never at module load: Playwright collects test files before its webServer
 * (the launcher) rebuilds a stale build, so a read at collection time could see the previous build.
 */
import fs from "node:fs";
import path from "node:path";

const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");
const NEXT_DIR = path.join(PROJECT_ROOT, ".next");

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type BuiltRoute = {
  /** The URL pattern, e.g. `/api/v1/parcels/[code]`. */
  pattern: string;
  /** The route handler's source, relative to the project root. */
  sourceFile: string;
  /** The HTTP methods the source exports (Next answers 405 to the others, and HEAD for a GET). */
  methods: HttpMethod[];
};

export type BuiltAction = {
  id: string;
  /** `filename#exportedName`, the key the sweep's tables use, e.g. `lib/auth/actions.ts#createStaffAction`. */
  key: string;
  filename: string;
  exportedName: string;
  /** Worker entries that hold the action, e.g. `app/(site)/admin/page`. */
  workers: string[];
};

type ReferenceEntry = { workers?: Record<string, unknown>; filename?: unknown; exportedName?: unknown };

function readJsonFile(file: string): unknown {
  const full = path.join(NEXT_DIR, file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: is there a production build?`);
  return JSON.parse(fs.readFileSync(full, "utf8"));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** App entry (`/api/health/route`, `/(shop)/cart/page`) → URL pattern (`/api/health`, `/cart`). */
export function appPathRoutes(): Map<string, string> {
  const manifest = readJsonFile("app-path-routes-manifest.json");
  if (!isRecord(manifest)) throw new Error("app-path-routes-manifest.json is not an object");
  return new Map(
    Object.entries(manifest).map(([entry, pattern]) => {
      if (typeof pattern !== "string") throw new Error(`app-path-routes-manifest.json: ${entry} has no URL`);
      return [entry, pattern];
    }),
  );
}

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".js", ".jsx", ".mjs"];

function sourceOf(entry: string): string {
  for (const base of ["app", path.join("src", "app")]) {
    for (const extension of SOURCE_EXTENSIONS) {
      const candidate = path.join(base, entry + extension);
      if (fs.existsSync(path.join(PROJECT_ROOT, candidate))) return candidate;
    }
  }
  throw new Error(`no source file for the built entry ${entry}`);
}

const METHOD_NAMES = HTTP_METHODS.join("|");
const EXPORTED_FUNCTION = new RegExp(`export\\s+(?:async\\s+)?function\\s+(${METHOD_NAMES})\\b`, "g");
const EXPORTED_BINDING = new RegExp(`export\\s+(?:const|let|var)\\s+(${METHOD_NAMES})\\b`, "g");
const EXPORT_LIST = /export\s*\{([^}]*)\}/g;

/**
 * The HTTP methods a route file exports: `export function GET`, `export const POST = ...` and
 * `export { handler as GET }`. The sweep also checks that every other method answers 405, so a
 * form this parser misses fails the test rather than going unswept.
 */
function exportedMethods(source: string): HttpMethod[] {
  const found = new Set<string>();
  for (const match of source.matchAll(EXPORTED_FUNCTION)) found.add(match[1] ?? "");
  for (const match of source.matchAll(EXPORTED_BINDING)) found.add(match[1] ?? "");
  for (const match of source.matchAll(EXPORT_LIST)) {
    for (const specifier of (match[1] ?? "").split(",")) {
      // The exported name is the specifier's last word: `handler as GET` and a bare `GET` alike.
      found.add(/(\w+)\s*$/.exec(specifier)?.[1] ?? "");
    }
  }
  return HTTP_METHODS.filter((method) => found.has(method));
}

/** Every route handler in the build under `prefix` (default `/api/`), with its exported methods. */
export function routesInBuild(prefix = "/api/"): BuiltRoute[] {
  return [...appPathRoutes()]
    .filter(([entry, pattern]) => entry.endsWith("/route") && pattern.startsWith(prefix))
    .map(([entry, pattern]) => {
      const sourceFile = sourceOf(entry);
      const methods = exportedMethods(fs.readFileSync(path.join(PROJECT_ROOT, sourceFile), "utf8"));
      return { pattern, sourceFile, methods };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Every server action in the build, node and edge runtimes alike. */
export function serverActionsInBuild(): BuiltAction[] {
  const manifest = readJsonFile(path.join("server", "server-reference-manifest.json"));
  if (!isRecord(manifest)) throw new Error("server-reference-manifest.json is not an object");
  const actions: BuiltAction[] = [];
  for (const runtime of ["node", "edge"] as const) {
    const entries = manifest[runtime];
    if (entries === undefined) continue;
    if (!isRecord(entries)) throw new Error(`server-reference-manifest.json: "${runtime}" is not an object`);
    for (const [id, raw] of Object.entries(entries)) {
      const entry = raw as ReferenceEntry;
      if (typeof entry.filename !== "string" || typeof entry.exportedName !== "string" || !isRecord(entry.workers)) {
        throw new Error(`server-reference-manifest.json: action ${id} lacks filename, exportedName or workers`);
      }
      actions.push({
        id,
        key: `${entry.filename}#${entry.exportedName}`,
        filename: entry.filename,
        exportedName: entry.exportedName,
        workers: Object.keys(entry.workers),
      });
    }
  }
  return actions.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The page to POST an action to, as Next's client does (it posts to the current page). A page whose
 * worker holds the action runs it directly; any other page forwards the call internally, and a proxy
 * redirect on that hop would swallow the result. Static pages are preferred: nothing to fill in.
 */
const NO_SUCH_CODE = "0000000000000000000000000A";

export function pagePathFor(action: BuiltAction): string {
  const routes = appPathRoutes();
  const pages = action.workers
    .map((worker) => routes.get(worker.replace(/^app/, "")))
    .filter((page): page is string => page !== undefined && !page.startsWith("/_"));
  // A static page if one holds the action; otherwise a dynamic one, its segments filled with a
  // well-formed parcel code that no parcel has (the action runs before the page would render).
  const page = pages.find((candidate) => !candidate.includes("[")) ?? pages[0]?.replace(/\[[^\]]+\]/g, NO_SUCH_CODE);
  if (page === undefined) throw new Error(`no page holds ${action.key} (workers: ${action.workers.join(", ")})`);
  return page;
}

/**
 * Whether a table row names something that still exists in the source: an exported binding, or
 * for `$$RSC_SERVER_ACTION_<n>` at least n+1 inline `"use server"` functions in the file.
 */
export function sourceDefinesAction(key: string): boolean {
  const [filename = "", exportedName = ""] = key.split("#");
  const full = path.join(PROJECT_ROOT, filename);
  if (!fs.existsSync(full)) return false;
  const source = fs.readFileSync(full, "utf8");
  const inline = /^\$\$RSC_SERVER_ACTION_(\d+)$/.exec(exportedName);
  if (inline) {
    // Inline directives are indented inside a function body; a file-level one starts the file.
    const inlineDirectives = source.match(/^[ \t]+["']use server["'];?/gm) ?? [];
    return inlineDirectives.length > Number(inline[1]);
  }
  const escaped = exportedName.replace(/[$]/g, "\\$");
  return new RegExp(`export\\s+(?:const|let|var|(?:async\\s+)?function)\\s+${escaped}\\b`).test(source);
}
