import { pathsOf, type RouteModule } from "./operation";

/**
 * The OpenAPI 3.1 description of /api/v1, built from the routes' own declarations (lib/http/api-route.ts):
 * the zod schemas they parse with (as JSON Schema 2020-12, which OpenAPI 3.1 uses), who may call them,
 * and the words they declare, so a route cannot be missing from it or drift from what it accepts.
 * `routes` is the registry of route modules (app/api/v1/declared-routes.ts).
 */
export function openApiDocument(serverUrl: string, routes: readonly RouteModule[]) {
  return {
    openapi: "3.1.0",
    info: {
      title: "EXQRESS carrier API",
      version: "1",
      description: "Register parcels, print labels, import CSV files. Errors: `{ error: { code, message, fields? } }`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }, { session: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "Authorization: Bearer <api key>" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
    paths: pathsOf(routes),
  };
}
