import type { CallerSpec } from "@/lib/http/route-callers";
import type { RouteDeclaration } from "@/lib/http/route-declaration";
import { content, json, queryParameters } from "./parts";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];
/** A route.ts module as the registry holds it: its exported methods. */
export type RouteModule = Partial<Record<Method, { declaration: RouteDeclaration }>>;

/** `/api/v1/parcels/[code]` as OpenAPI writes it: `/api/v1/parcels/{code}`. */
export const openApiPath = (route: string) => route.replace(/\[(\w+)\]/g, "{$1}");

const SECURITY: Record<CallerSpec["kind"], object[] | undefined> = {
  public: [],
  api_key: [{ apiKey: [] }],
  courier: [{ session: [] }],
  // The document's default: an API key or a session.
  roles: undefined,
};

function pathParameters(declaration: RouteDeclaration) {
  if (!declaration.params) return [];
  return Object.entries(json(declaration.params.schema).properties ?? {}).map(([name, property]) => {
    const { description, ...schema } = property as { description?: string };
    return { name, in: "path", required: true, schema, ...(description ? { description } : {}) };
  });
}

function idempotencyParameter(declaration: RouteDeclaration) {
  if (!declaration.idempotencyKey) return [];
  const required = declaration.idempotencyKey === "required";
  return [{ name: "Idempotency-Key", in: "header", required, schema: { type: "string" } }];
}

function requestBody(declaration: RouteDeclaration) {
  const { requestBody } = declaration.openapi;
  if (requestBody) return requestBody;
  const schema = declaration.body?.schema;
  return schema ? { required: true, content: content(schema) } : undefined;
}

/** Who may call: with a scope, an API key needs it (OpenAPI 3.1 lists it as the scheme's role). */
function securityOf(declaration: RouteDeclaration): object[] | undefined {
  const { scope, callers } = declaration;
  if (!scope || (callers.kind !== "api_key" && callers.kind !== "roles")) return SECURITY[callers.kind];
  return callers.kind === "api_key" ? [{ apiKey: [scope] }] : [{ apiKey: [scope] }, { session: [] }];
}

/** The OpenAPI operation of a declared route: its schemas, security and the words it declares. */
export function operationOf(declaration: RouteDeclaration) {
  const { summary, responses, parameters = [] } = declaration.openapi;
  const scopeNote = declaration.scope ? `An API key needs the \`${declaration.scope}\` scope.` : undefined;
  const description = [declaration.openapi.description, scopeNote].filter(Boolean).join("\n\n") || undefined;
  const allParameters = [
    ...pathParameters(declaration),
    ...idempotencyParameter(declaration),
    ...(declaration.query ? queryParameters(declaration.query) : []),
    ...parameters,
  ];
  const security = securityOf(declaration);
  const body = requestBody(declaration);
  return {
    summary,
    ...(description ? { description } : {}),
    ...(allParameters.length ? { parameters: allParameters } : {}),
    ...(security ? { security } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

/** Every declared operation of `modules`, as `paths` of the document. */
export function pathsOf(modules: readonly RouteModule[]) {
  const paths: Record<string, Record<string, ReturnType<typeof operationOf>>> = {};
  for (const routeModule of modules) {
    for (const method of METHODS) {
      const route = routeModule[method];
      if (!route) continue;
      (paths[openApiPath(route.declaration.route)] ??= {})[method.toLowerCase()] = operationOf(route.declaration);
    }
  }
  return paths;
}
