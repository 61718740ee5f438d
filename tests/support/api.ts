import { POST as eventsRoute } from "@/app/api/v1/parcels/[code]/events/route";
import { POST as reissueRoute } from "@/app/api/v1/parcels/[code]/reissue/route";
import { GET as resolveRoute } from "@/app/api/v1/parcels/[code]/route";
import { POST as batchRoute } from "@/app/api/v1/parcels/batch/route";
import { POST as registerRoute } from "@/app/api/v1/parcels/route";
import { randomIp } from "./fixtures";

/** Calls the real route handlers the way Next.js does, without a server. */
type Options = { key?: string; idempotencyKey?: string; ip?: string; body?: unknown; rawBody?: string; type?: string };

function request(method: string, path: string, options: Options): Request {
  const headers = new Headers({ "x-forwarded-for": options.ip ?? randomIp(), "user-agent": "vitest" });
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  if (options.idempotencyKey) headers.set("idempotency-key", options.idempotencyKey);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers.set("content-type", options.type ?? "application/json");
  return new Request(`http://localhost${path}`, { method, headers, body });
}

const params = (code: string) => ({ params: Promise.resolve({ code }) });

export const api = {
  register: (options: Options) => registerRoute(request("POST", "/api/v1/parcels", options)),
  batch: (options: Options) => batchRoute(request("POST", "/api/v1/parcels/batch", options)),
  resolve: (code: string, options: Options = {}) =>
    resolveRoute(request("GET", `/api/v1/parcels/${code}`, options), params(code)),
  event: (code: string, options: Options) =>
    eventsRoute(request("POST", `/api/v1/parcels/${code}/events`, options), params(code)),
  reissue: (code: string, options: Options) =>
    reissueRoute(request("POST", `/api/v1/parcels/${code}/reissue`, options), params(code)),
};
