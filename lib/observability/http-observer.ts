import { randomUUID } from "node:crypto";
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { logger } from "./logger";
import { metrics } from "./metrics";
import { loadRoutePatterns, type RoutePattern } from "./route-pattern";

type RequestStart = { request: IncomingMessage; response: ServerResponse; server: Server };

/** What graceful shutdown needs to know: the servers requests came through and how many are open. */
export type HttpState = { servers: Set<Server>; inFlight: number; draining: boolean; idle: Set<() => void> };

const cache = globalThis as unknown as { exqressHttp?: HttpState };

export function httpState(): HttpState {
  cache.exqressHttp ??= { servers: new Set(), inFlight: 0, draining: false, idle: new Set() };
  return cache.exqressHttp;
}

// A proxy's id (nginx's $request_id) is kept so its access log and ours can be joined.
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

function requestId(request: IncomingMessage): string {
  const given = request.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

function onRequest({ request, response, server }: RequestStart, routeOf: RoutePattern, state: HttpState): void {
  const started = process.hrtime.bigint();
  const id = requestId(request);
  // Handlers read it from the request headers; the caller gets it back to quote it.
  request.headers["x-request-id"] = id;
  response.setHeader("X-Request-Id", id);
  // While draining, each answer closes its keep-alive connection so callers reconnect elsewhere.
  if (state.draining) response.setHeader("Connection", "close");
  state.servers.add(server);
  state.inFlight += 1;
  response.once("close", () => {
    state.inFlight -= 1;
    if (state.inFlight === 0) for (const wake of state.idle) wake();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = routeOf((request.url ?? "/").split("?")[0] ?? "/");
    const status = response.writableFinished ? String(response.statusCode) : "aborted";
    const method = request.method ?? "GET";
    metrics().httpDuration.observe({ method, route, status }, seconds);
    // One line per request: the route pattern, never the path (a parcel code is in it).
    logger().info({ reqId: id, method, route, status, ms: Math.round(seconds * 1e4) / 10 }, "request");
  });
}

/**
 * Times and logs every request the process's HTTP server answers, pages, route handlers and
 * static files alike, through Node's own diagnostics channel: nothing stands in front of Next.js.
 */
export function observeHttp(): void {
  const marker = globalThis as unknown as { exqressObserving?: boolean };
  if (marker.exqressObserving) return;
  marker.exqressObserving = true;
  const routeOf = loadRoutePatterns();
  const state = httpState();
  diagnostics.subscribe("http.server.request.start", (message) => onRequest(message as RequestStart, routeOf, state));
}
