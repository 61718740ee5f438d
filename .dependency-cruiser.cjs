/**
 * The layers of docs/architecture.md, bottom to top; a module imports only its own layer and
 * the ones below. `npm run lint` runs this through scripts/check-layers.ts, which also fails
 * on a cycle between lib/ folders (dependency-cruiser's own cycle rules see files, or whole
 * folders with their entry files mixed in).
 */
const CORE = "^lib/core/";
const CONFIG = "^lib/config/";
const INFRA =
  "^(db/|lib/(redis|privacy|observability|i18n|validation|rate-limit|workers|runtime|export|query|idempotency|health)/)";
// Server actions and route handlers' code: the wrappers, the API's helpers and each feature's own.
const ENTRY = ["^lib/(http|actions|openapi)/", "^lib/[^/]+/http/", "^lib/[^/]+/actions\\.ts$"];
const TOP = "^(app/|components/|proxy\\.ts$|instrumentation\\.ts$)";
const PROJECT = "^(lib/|db/|app/|components/|proxy\\.ts$|instrumentation\\.ts$)";
const FEATURE = "^lib/[^/]+/";
const NOT_FEATURE = [CORE, CONFIG, INFRA, ...ENTRY];

const rule = (name, comment, from, to) => ({ name, comment, severity: "error", from, to });

module.exports = {
  forbidden: [
    rule(
      "core-imports-nothing",
      "lib/core holds shared types and pure helpers: it imports no other project module.",
      { path: CORE },
      { path: PROJECT, pathNot: CORE },
    ),
    rule(
      "config-imports-core-only",
      "lib/config parses the environment into strings, numbers and lists; it imports only lib/core.",
      { path: CONFIG },
      { path: PROJECT, pathNot: [CORE, CONFIG] },
    ),
    rule(
      "infrastructure-imports-below",
      "Infrastructure (db, redis, privacy, i18n, …) imports lib/core, lib/config and other infrastructure only.",
      { path: INFRA, pathNot: ENTRY },
      { path: PROJECT, pathNot: [CORE, CONFIG, INFRA] },
    ),
    rule(
      "feature-imports-no-entry",
      "A feature's domain code takes plain arguments and returns results: it imports no server-action, " +
        "route-handler or page code.",
      { path: FEATURE, pathNot: NOT_FEATURE },
      { path: [...ENTRY, TOP] },
    ),
    rule(
      "entry-imports-no-page",
      "Server actions and route handlers' code import no pages, components or proxy.",
      { path: ENTRY },
      { path: TOP },
    ),
    rule(
      "not-to-unresolvable",
      "An import that does not resolve is a typo or a missing file.",
      {},
      { couldNotResolve: true },
    ),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
