import type { z } from "zod";
import type { AppRouteHandlerRoutes } from "@/.next/types/routes";
import type { Relation } from "@/lib/parcels/relation";
import type { ParcelSnapshot } from "@/lib/parcels/snapshot";
import type { Viewer } from "@/lib/core/viewer";
import type { ApiKeyScope } from "@/lib/core/api-key-scopes";
import type { CallerOf, CallerSpec } from "./route-callers";
import type { ParamsSpec } from "./route-params";

/** What the OpenAPI document says of an operation beyond what the declaration's schemas say. */
export type OperationDoc = {
  summary: string;
  description?: string;
  responses: Record<string, object>;
  /** A body the handler reads itself (CSV, multipart), or a JSON body's schema as the document shows it. */
  requestBody?: object;
  parameters?: object[];
};

/**
 * A JSON body of at most `maxBytes`. With a `schema`, the route parses it (400 `invalid_input`
 * naming the fields); `parsedBy: "feature"` leaves it raw for a feature that validates it itself
 * (inside its transaction), and the schema only describes it.
 */
export type BodySpec = { maxBytes: number; schema?: z.ZodType; parsedBy?: "feature" };

/** Everything a route is, but what it does: the wrapper checks it all before the handler runs. */
export type RouteDeclaration = {
  /** The route's own path, as Next.js names it (`RouteContext<route>` types its params). */
  route: AppRouteHandlerRoutes;
  callers: CallerSpec;
  /** What an API key needs to call the route (403 `insufficient_scope` without it); sessions are judged by role. */
  scope?: ApiKeyScope;
  /** A session caller must come from our own origin (an API key has no cookie to be tricked with). */
  sameOriginSessions?: true;
  /** `required`: 400 `idempotency_key_required` without one; `optional`: 400 `invalid_idempotency_key` if malformed. */
  idempotencyKey?: "required" | "optional";
  query?: z.ZodObject;
  /** The 400 for a query the schema refuses, where it is not the usual `invalid_input` naming the fields. */
  invalidQuery?: (error: z.ZodError) => Response;
  params?: ParamsSpec;
  /**
   * With `callers.roles(...)`: the parcel behind `params.code`, read from the database, and which
   * relations to it may call; others get the 404 an unknown code gets, so the answer confirms nothing.
   */
  parcel?: readonly Relation[];
  body?: BodySpec;
  openapi: OperationDoc;
};

export type ParcelAccess = { viewer: Viewer; parcel: ParcelSnapshot; relation: Relation };

type Output<S> = S extends z.ZodType ? z.output<S> : never;

/** What the handler gets, typed by the declaration. */
export type RouteInput<D extends RouteDeclaration> = {
  request: Request;
  caller: CallerOf<D["callers"]>;
  params: D extends { params: { schema: infer S } } ? Output<S> : Record<string, never>;
  query: D extends { query: infer S } ? Output<S> : undefined;
  body: D extends { body: { parsedBy: "feature" } }
    ? unknown
    : D extends { body: { schema: infer S } }
      ? Output<S>
      : D extends { body: BodySpec }
        ? unknown
        : undefined;
  parcel: D extends { parcel: readonly Relation[] } ? ParcelAccess : undefined;
  idempotencyKey: D extends { idempotencyKey: "required" }
    ? string
    : D extends { idempotencyKey: "optional" }
      ? string | null
      : undefined;
};

type RouteParams<P extends AppRouteHandlerRoutes> = Awaited<RouteContext<P>["params"]>;

/**
 * `unknown` when the declaration's path schema reads exactly the params its route has, so a
 * declaration with the wrong route, or without the schema its route's params need, does not compile.
 */
export type ParamsMatch<D extends RouteDeclaration> = D extends { params: { schema: infer S extends z.ZodType } }
  ? [z.input<S>] extends [RouteParams<D["route"]>]
    ? [RouteParams<D["route"]>] extends [z.input<S>]
      ? unknown
      : never
    : never
  : [keyof RouteParams<D["route"]>] extends [never]
    ? unknown
    : { params: ParamsSpec };

/** The function Next.js calls; a route without path parameters may be called without a context (tests do). */
export type RouteFunction<P extends AppRouteHandlerRoutes> = [keyof RouteParams<P>] extends [never]
  ? (request: Request, context?: RouteContext<P>) => Promise<Response>
  : (request: Request, context: RouteContext<P>) => Promise<Response>;

export type DeclaredRoute<D extends RouteDeclaration = RouteDeclaration> = RouteFunction<D["route"]> & {
  declaration: D;
};
