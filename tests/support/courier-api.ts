import { POST as assignmentRoute } from "@/app/api/v1/parcels/[code]/assignment/route";
import { POST as claimRoute } from "@/app/api/v1/parcels/[code]/claim/route";
import { POST as eventsRoute } from "@/app/api/v1/parcels/[code]/events/route";
import { POST as proofRoute } from "@/app/api/v1/parcels/[code]/proof/route";
import { POST as revealRoute } from "@/app/api/v1/courier/parcels/[code]/address/route";
import { GET as meRoute } from "@/app/api/v1/courier/me/route";
import { GET as scanRoute } from "@/app/api/v1/courier/parcels/[code]/route";
import { GET as listRoute } from "@/app/api/v1/courier/parcels/route";
import { GET as resolveRoute } from "@/app/api/v1/parcels/[code]/route";
import { startSession } from "@/lib/auth/session";
import type { Role } from "@/lib/core/session-user";
import { sessionCookieName } from "@/lib/auth/token";
import { env } from "@/lib/config/env";
import { OUTBOX_OWNER_HEADER } from "@/lib/core/outbox-owner-header";
import { getRedis } from "@/lib/redis/client";
import { randomIp } from "./fixtures";

/** A live session's cookie for a user the fixtures created, as a login would set it. */
export async function sessionCookie(user: { userId: string; role: Role; carrierId: string | null }): Promise<string> {
  const config = env();
  const { token } = await startSession({ redis: getRedis(), config }, { ...user, phoneHash: null }, meta());
  return `${sessionCookieName(config)}=${token}`;
}

const meta = () => ({ ip: randomIp(), userAgent: "vitest" });

type Options = {
  cookie?: string;
  key?: string;
  idempotencyKey?: string;
  /** The outbox's Outbox-Owner header: the user who tapped the queued update. */
  owner?: string;
  body?: unknown;
  form?: FormData;
};

function request(method: string, path: string, options: Options): Request {
  const headers = new Headers({ "x-forwarded-for": randomIp(), "user-agent": "vitest" });
  if (options.cookie) headers.set("cookie", options.cookie);
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  if (options.idempotencyKey) headers.set("idempotency-key", options.idempotencyKey);
  if (options.owner) headers.set(OUTBOX_OWNER_HEADER, options.owner);
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(options.body);
  }
  return new Request(`http://localhost${path}`, { method, headers, body });
}

const params = (code: string) => ({ params: Promise.resolve({ code }) });

export const courierApi = {
  assign: (code: string, options: Options) =>
    assignmentRoute(request("POST", `/api/v1/parcels/${code}/assignment`, options), params(code)),
  claim: (code: string, options: Options) =>
    claimRoute(request("POST", `/api/v1/parcels/${code}/claim`, options), params(code)),
  event: (code: string, options: Options) =>
    eventsRoute(request("POST", `/api/v1/parcels/${code}/events`, options), params(code)),
  proof: (code: string, options: Options) =>
    proofRoute(request("POST", `/api/v1/parcels/${code}/proof`, options), params(code)),
  resolve: (code: string, options: Options) =>
    resolveRoute(request("GET", `/api/v1/parcels/${code}`, options), params(code)),
  list: (options: Options) => listRoute(request("GET", "/api/v1/courier/parcels", options)),
  me: (options: Options) => meRoute(request("GET", "/api/v1/courier/me", options)),
  scan: (code: string, options: Options) =>
    scanRoute(request("GET", `/api/v1/courier/parcels/${code}`, options), params(code)),
  reveal: (code: string, options: Options) =>
    revealRoute(request("POST", `/api/v1/courier/parcels/${code}/address`, options), params(code)),
};
