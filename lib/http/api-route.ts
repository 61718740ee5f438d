import { answerOutages } from "./dependency-errors";
import { checkInput } from "./route-input";
import type { DeclaredRoute, ParamsMatch, RouteDeclaration, RouteInput } from "./route-declaration";

export { callers } from "./route-callers";
export { uuidIdParams, lookedUpCodeParams, parcelCodeParams } from "./route-params";
export type { DeclaredRoute, RouteDeclaration, RouteInput } from "./route-declaration";

/**
 * The one way to write an /api route: the declaration says who may call and what the route
 * takes (zod schemas for its path, query and body) and how the OpenAPI document describes it;
 * the wrapper authenticates, parses and refuses (route-input.ts) before `handler` runs with
 * the typed input, answers an outage of PostgreSQL or Redis with 503, and puts errors in the
 * reader's language. The declaration stays on the function, for the OpenAPI document.
 */
export function apiRoute<const D extends RouteDeclaration>(
  declaration: D & ParamsMatch<D>,
  handler: (input: RouteInput<D>) => Promise<Response>,
): DeclaredRoute<D> {
  const route = (request: Request, context?: { params: Promise<unknown> }) =>
    answerOutages(async () => {
      const input = await checkInput(request, declaration, await context?.params);
      if (!input.ok) return input.response;
      return handler({ request, ...input.value } as RouteInput<D>);
    });
  return Object.assign(route as DeclaredRoute<D>, { declaration });
}
