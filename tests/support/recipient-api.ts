import { POST as reportRoute } from "@/app/api/v1/parcels/[code]/reports/route";
import { GET as disclosuresRoute } from "@/app/api/v1/parcels/[code]/disclosures/route";
import { GET as readMessagesRoute, POST as sendMessageRoute } from "@/app/api/v1/parcels/[code]/messages/route";
import { POST as purgeRoute } from "@/app/api/v1/parcels/[code]/purge/route";
import { GET as proofPhotoRoute } from "@/app/api/v1/parcels/[code]/proof/photo/route";
import { GET as myParcelsRoute } from "@/app/api/v1/me/parcels/route";
import { GET as reportsRoute } from "@/app/api/v1/reports/route";
import { GET as resolveRoute } from "@/app/api/v1/parcels/[code]/route";
import { startSession } from "@/lib/auth/session";
import type { Role } from "@/lib/core/session-user";
import { env } from "@/lib/config/env";
import { getRedis } from "@/lib/redis/client";
import { sessionCookieName } from "@/lib/auth/token";
import { randomIp } from "./fixtures";

/** Who calls: nobody, a session (by its cookie) or an API key. */
export type As = { cookie?: string; key?: string; ip?: string };

type User = { userId: string; role?: Role; kind?: string; carrierId?: string | null; phoneHash?: string | null };

/** A live session for a test user, as the Cookie header a browser would send. */
export async function cookieFor(user: User): Promise<string> {
  const config = env();
  const role = (user.role ?? user.kind) as Role;
  const verified = { userId: user.userId, role, carrierId: user.carrierId ?? null, phoneHash: user.phoneHash ?? null };
  const { token } = await startSession({ redis: getRedis(), config }, verified, { ip: null, userAgent: "vitest" });
  return `${sessionCookieName(config)}=${token}`;
}

function request(method: string, path: string, as: As, body?: unknown): Request {
  const headers = new Headers({ "x-forwarded-for": as.ip ?? randomIp(), "user-agent": "vitest" });
  if (as.cookie) headers.set("cookie", as.cookie);
  if (as.key) headers.set("authorization", `Bearer ${as.key}`);
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(`http://localhost${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const params = (code: string) => ({ params: Promise.resolve({ code }) });
const parcelPath = (code: string, rest: string) => `/api/v1/parcels/${code}/${rest}`;

/** The recipient-view routes, called the way Next.js calls them. */
export const recipientApi = {
  resolve: (code: string, as: As) => resolveRoute(request("GET", `/api/v1/parcels/${code}`, as), params(code)),
  myParcels: (as: As, query = "") => myParcelsRoute(request("GET", `/api/v1/me/parcels${query}`, as)),
  disclosures: (code: string, as: As) =>
    disclosuresRoute(request("GET", parcelPath(code, "disclosures"), as), params(code)),
  report: (code: string, as: As, body: unknown) =>
    reportRoute(request("POST", parcelPath(code, "reports"), as, body), params(code)),
  reports: (as: As, query = "") => reportsRoute(request("GET", `/api/v1/reports${query}`, as)),
  messages: (code: string, as: As) => readMessagesRoute(request("GET", parcelPath(code, "messages"), as), params(code)),
  send: (code: string, as: As, body: unknown) =>
    sendMessageRoute(request("POST", parcelPath(code, "messages"), as, body), params(code)),
  proofPhoto: (code: string, as: As) =>
    proofPhotoRoute(request("GET", parcelPath(code, "proof/photo"), as), params(code)),
  purge: (code: string, as: As) => purgeRoute(request("POST", parcelPath(code, "purge"), as, {}), params(code)),
};
