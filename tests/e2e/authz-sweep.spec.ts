/**
 * The authorisation sweep: every API route and every server action in the production build
 * refuses callers without a session and sessions of the wrong role. The lists come from the
 * build's manifests (see support/build-manifest.ts), and the tables below must classify exactly
 * what the build holds, so a new route or action fails here until someone writes down who may
 * call it.
 *
 * Every request is sent twice, without and with `x-middleware-subrequest:
 * middleware:middleware:middleware` (CVE-2025-29927, which made Next skip its middleware). Our
 * checks live in the handlers, not in proxy.ts, so the header must change nothing.
 *
 * Request bodies are ones that would succeed if a check were missing (a valid parcel, a real
 * code), so a hole shows up as a success rather than hiding behind a validation error.
 */
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import {
  pagePathFor,
  routesInBuild,
  serverActionsInBuild,
  sourceDefinesAction,
  type BuiltAction,
  type HttpMethod,
} from "./support/build-manifest";

const BYPASS_HEADER = { "x-middleware-subrequest": "middleware:middleware:middleware" };
const HEADER_VARIANTS = [
  { label: "", headers: {} },
  { label: " [+x-middleware-subrequest]", headers: BYPASS_HEADER },
] as const;

const DEMO_API_KEY = "exq_demo_key";
const PARCEL_INPUT = {
  recipient: { name: "홍길동", phone: "010-1234-5678", address: "경기도 의정부시 오목로 150" },
};
const PARCEL_PLAINTEXT = ["홍길동", "010-1234-5678", "오목로 150"];

type Role = "recipient" | "courier" | "admin";
const ROLES: readonly Role[] = ["recipient", "courier", "admin"];
const ACCOUNTS: Record<Role, { identifier: string; password: string }> = {
  admin: { identifier: "admin@exqress.local", password: "admin1234!" },
  courier: { identifier: "courier@exqress.local", password: "courier1234!" },
  recipient: { identifier: "010-0000-0001", password: "recipient1234!" },
};

/** Callers that hold no valid credentials: each must be treated exactly like nobody. */
const NO_CREDENTIALS = [
  "anonymous",
  // A cookie by the right name gets past proxy.ts (it only checks presence): the handler must decide.
  "forged cookie",
  // A real, correctly signed token whose session was ended by logout: only Redis knows it is dead.
  "revoked session",
  "bad API key",
  // An Authorization header means an API key and nothing else: no fallback to the cookie.
  "admin session + bad API key",
] as const;
type NoCredentials = (typeof NO_CREDENTIALS)[number];
type CallerName = NoCredentials | Role;

type Caller = { context: APIRequestContext; headers: Record<string, string> };
type World = { baseURL: string; code: string; callers: Record<CallerName, Caller>; dispose: () => Promise<void> };

// ---------------------------------------------------------------------------------------------
// API routes
// ---------------------------------------------------------------------------------------------

/** Public by design; every other route in the build must be in PROTECTED_ROUTES. */
const PUBLIC_ROUTES: Record<string, string> = {
  "/api/health": "liveness probe for the load balancer; reads nothing",
  "/api/ready": "readiness probe; says only whether PostgreSQL and Redis answer",
  "/api/metrics":
    "Prometheus scrape: counts by fixed labels, no personal data; METRICS_TOKEN guards it (observability.spec.ts)",
  "/api/auth/[...nextauth]": "next-auth's read-only endpoints (GET session, csrf); its sign-in doors answer 404",
  "/api/auth/login": "how a session is obtained; refuses cross-origin posts (403)",
  "/api/auth/logout": "ends the caller's own session; refuses cross-origin posts (403)",
  "/api/openapi.json": "the API's description (OpenAPI 3.1), built from schemas; no data",
  "/api/docs": "the same description as a readable page; no data",
  "/api/push/public-key": "the VAPID public key browsers subscribe with; public by nature",
};

const REFUSED_WITHOUT_CREDENTIALS: Record<NoCredentials, number> = {
  anonymous: 401,
  "forged cookie": 401,
  "revoked session": 401,
  "bad API key": 401,
  "admin session + bad API key": 401,
};

type RouteRow = {
  body?: (code: string) => unknown;
  headers?: () => Record<string, string>;
  /** Allowed roles get the status that shows they passed the gate (the rows say which). */
  expected: Record<CallerName, number>;
  /** For a parcel view: what each role may see of a parcel that is neither theirs nor assigned to them. */
  sees?: Partial<Record<Role, "masked" | "full">>;
};

const SWEEP_PUSH_KEYS = {
  p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString("base64url"),
  auth: Buffer.alloc(16, 9).toString("base64url"),
};

/** `METHOD pattern` → caller → status. HEAD is swept with each GET row's expectations. */
const PROTECTED_ROUTES: Record<string, RouteRow> = {
  // Any session role resolves a code, seeing what its role allows (masked for strangers).
  "GET /api/v1/parcels/[code]": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 200, courier: 200, admin: 200 },
    sees: { recipient: "masked", courier: "masked", admin: "full" },
  },
  // Courier session or API key. The demo courier is not assigned to this parcel of their carrier: 409
  // (not_assigned, so an outbox can say "reassigned") shows the role gate was passed and the assignment
  // rule answered.
  "POST /api/v1/parcels/[code]/events": {
    body: () => ({ status: "picked_up" }),
    headers: () => ({ "idempotency-key": randomUUID() }),
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 409, admin: 403 },
  },
  // The assigned courier's session only; the demo courier is not assigned: 409 (not_assigned) past the gate.
  "POST /api/v1/parcels/[code]/proof": {
    body: () => ({ pin: "1234" }),
    headers: () => ({ "idempotency-key": randomUUID() }),
    // JSON instead of multipart: a courier past the gate is told the media type (415), nothing stored.
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 415, admin: 403 },
  },
  // API key or the carrier's admin session. Unassigning a parcel nobody has changes nothing.
  "POST /api/v1/parcels/[code]/assignment": {
    body: () => ({ courierEmail: null }),
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 200 },
  },
  // A courier's session: the demo carrier does not let couriers claim (403 claim_disabled past the gate).
  "POST /api/v1/parcels/[code]/claim": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 403 },
  },
  // A courier's session only: their own parcels, masked.
  "GET /api/v1/courier/parcels": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 200, admin: 403 },
  },
  // A courier's session: its own user id, for the offline outbox.
  "GET /api/v1/courier/me": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 200, admin: 403 },
  },
  // A scanned parcel of the courier's carrier: masked, with actions only when it is theirs.
  "GET /api/v1/courier/parcels/[code]": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 200, admin: 403 },
  },
  // The full address, for the assigned courier only: the demo courier is not assigned (403 not_assigned).
  "POST /api/v1/courier/parcels/[code]/address": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 403 },
  },
  // Admin session or API key.
  "GET /api/v1/parcels/[code]/label.pdf": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 200 },
  },
  "POST /api/v1/labels": {
    body: (code) => ({ codes: [code] }),
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 200 },
  },
  // API key only: a session, whatever its role, is not enough.
  "POST /api/v1/parcels": {
    body: () => PARCEL_INPUT,
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 401, courier: 401, admin: 401 },
  },
  "POST /api/v1/parcels/batch": {
    body: () => ({ parcels: [PARCEL_INPUT] }),
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 401, courier: 401, admin: 401 },
  },
  "POST /api/v1/parcels/[code]/reissue": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 401, courier: 401, admin: 401 },
  },
  // Recipient session only: the list of "my" parcels (a valid API key gets 403).
  "GET /api/v1/me/parcels": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 200, courier: 403, admin: 403 },
  },
  // Any session (same origin) subscribes its own browser; an API key is nobody's browser (403). The
  // sweep's endpoint is on no listed push service, so a session passes the gate and gets 400.
  "POST /api/v1/me/push-subscriptions": {
    body: () => ({ endpoint: "https://push.example/authz-sweep", keys: SWEEP_PUSH_KEYS }),
    headers: () => ({ origin: process.env.PUBLIC_URL ?? "http://127.0.0.1:3100" }),
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 400, courier: 400, admin: 400 },
  },
  "DELETE /api/v1/me/push-subscriptions": {
    body: () => ({ endpoint: "https://push.example/authz-sweep" }),
    headers: () => ({ origin: process.env.PUBLIC_URL ?? "http://127.0.0.1:3100" }),
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 204, courier: 204, admin: 204 },
  },
  // The owner, or the parcel's carrier (admin or key). The demo recipient does not own this parcel:
  // 404, as for an unknown code. Couriers never.
  "GET /api/v1/parcels/[code]/disclosures": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 404, courier: 403, admin: 200 },
  },
  // The delivery photo: the owner or the carrier's admins (audited). The demo recipient does not own the
  // sweep's parcel (404 as for an unknown code); the admin passes the gate and is told it has no photo (404
  // no_photo); couriers never.
  "GET /api/v1/parcels/[code]/proof/photo": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 404, courier: 403, admin: 404 },
  },
  // Anyone may report a found parcel (throttled per IP); the owner's kinds need the owner's session.
  // The sweep sends an owner's kind, so every caller here is refused: nobody but the owner, 403.
  "POST /api/v1/parcels/[code]/reports": {
    body: () => ({ kind: "not_mine", message: "authz sweep" }),
    expected: {
      anonymous: 403,
      "forged cookie": 403,
      "revoked session": 403,
      "bad API key": 403,
      "admin session + bad API key": 403,
      recipient: 403,
      courier: 403,
      admin: 403,
    },
  },
  // API key or admin session: the carrier's reports.
  "GET /api/v1/reports": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 200 },
  },
  // The owner and the assigned courier only; neither is among the sweep's callers (404), admins 403.
  "GET /api/v1/parcels/[code]/messages": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 404, courier: 404, admin: 403 },
  },
  "POST /api/v1/parcels/[code]/messages": {
    body: () => ({ body: "authz sweep" }),
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 404, courier: 404, admin: 403 },
  },
  // The owner's early purge.
  "POST /api/v1/parcels/[code]/purge": {
    body: () => ({}),
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 404, courier: 403, admin: 403 },
  },
  // Admin session (same origin) or API key: a valid one-row CSV is accepted as a job.
  "POST /api/v1/imports": {
    body: () => "name,phone,address\n홍길동,010-1234-5678,경기도 의정부시 오목로 150\n",
    headers: () => ({ "content-type": "text/csv", origin: process.env.PUBLIC_URL ?? "http://127.0.0.1:3100" }),
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 202 },
  },
  // An import id of nothing: 404 shows the admin passed the gate and the carrier scope answered.
  "GET /api/v1/imports/[id]/labels.pdf": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 404 },
  },
  // Admin session or API key: the carrier's own audit log, a page of JSON and the CSV export.
  "GET /api/v1/audit": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 200 },
  },
  "GET /api/v1/audit/export": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 200 },
  },
  // An id of no import: 404 shows the admin passed the gate and the carrier scope answered.
  "GET /api/v1/imports/[id]": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 404 },
  },
  // Admin session (same origin) or an API key with `webhooks`. A loopback URL: the admin passes the
  // gate and the address check refuses it (400), so the sweep registers nothing.
  "GET /api/v1/webhooks": {
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 200 },
  },
  "POST /api/v1/webhooks": {
    body: () => ({ url: "https://127.0.0.1/hook", events: ["parcel.status_changed"] }),
    headers: () => ({ origin: process.env.PUBLIC_URL ?? "http://127.0.0.1:3100" }),
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 400 },
  },
  "DELETE /api/v1/webhooks/[id]": {
    headers: () => ({ origin: process.env.PUBLIC_URL ?? "http://127.0.0.1:3100" }),
    expected: { ...REFUSED_WITHOUT_CREDENTIALS, recipient: 403, courier: 403, admin: 404 },
  },
};

// ---------------------------------------------------------------------------------------------
// Server actions (keys are `file#export` as in server-reference-manifest.json)
// ---------------------------------------------------------------------------------------------

type ProtectedAction = { roles: readonly Role[]; args: unknown[] };

const NO_SUCH_USER = "00000000-0000-4000-8000-000000000000";

/** Actions behind authAction: no session → "unauthorized", a role not listed → "forbidden". */
const PROTECTED_ACTIONS: Record<string, ProtectedAction> = {
  "lib/auth/actions.ts#endSessionAction": { roles: ROLES, args: [{ jti: "authz-sweep-no-such-session" }] },
  "lib/auth/actions.ts#endOtherSessionsAction": { roles: ROLES, args: [{}] },
  "lib/auth/actions.ts#changePasswordAction": {
    roles: ROLES,
    args: [{ current: "not-the-password", next: "authz sweep passphrase 42" }],
  },
  "lib/auth/actions.ts#createStaffAction": {
    roles: ["admin"],
    args: [{ email: "authz-sweep@example.test", password: "authz sweep passphrase 42", role: "admin" }],
  },
  "lib/auth/actions.ts#disableStaffAction": { roles: ["admin"], args: [{ userId: NO_SUCH_USER }] },
  "lib/auth/actions.ts#revokeStaffSessionsAction": { roles: ["admin"], args: [{ userId: NO_SUCH_USER }] },
  "lib/parcels/actions.ts#registerParcelAction": { roles: ["admin"], args: [PARCEL_INPUT] },
  "lib/account/actions.ts#deleteAccountAction": { roles: ["recipient"], args: [{ password: "not-the-password" }] },
  "lib/admin/actions.ts#reissueLabelAction": { roles: ["admin"], args: [{ code: "0000000000000000000000000A" }] },
  // The console's couriers, rules, keys and settings: admins only, always of their own carrier.
  "lib/couriers/actions.ts#endCourierSessionAction": {
    roles: ["admin"],
    args: [{ userId: NO_SUCH_USER, handle: "authz-sweep-no-such-session" }],
  },
  "lib/couriers/actions.ts#assignSelectionAction": {
    roles: ["admin"],
    args: [{ codes: ["0000000000000000000000000A"], courierId: "" }],
  },
  "lib/postal-rules/actions.ts#savePostalRuleAction": {
    roles: ["admin"],
    args: [{ prefix: "116", courierId: NO_SUCH_USER }],
  },
  "lib/postal-rules/actions.ts#deletePostalRuleAction": { roles: ["admin"], args: [{ ruleId: NO_SUCH_USER }] },
  "lib/api-keys/actions.ts#createApiKeyAction": {
    roles: ["admin"],
    args: [{ name: "authz sweep", scopes: ["labels"] }],
  },
  "lib/api-keys/actions.ts#revokeApiKeyAction": { roles: ["admin"], args: [{ keyId: NO_SUCH_USER }] },
  "lib/webhooks/actions.ts#createWebhookAction": {
    roles: ["admin"],
    args: [{ url: "https://127.0.0.1/hook", events: ["parcel.status_changed"] }],
  },
  "lib/webhooks/actions.ts#deleteWebhookAction": { roles: ["admin"], args: [{ id: NO_SUCH_USER }] },
  // The demo carrier's own values, so a hole would change nothing the other specs rely on.
  "lib/carrier-settings/actions.ts#saveCarrierSettingsAction": {
    roles: ["admin"],
    args: [{ proofDefault: "none", selfClaim: false, retentionDays: "" }],
  },
  "lib/audit/actions.ts#verifyAuditLogAction": { roles: ["admin"], args: [{}] },
  "lib/reports/actions.ts#handleReportAction": {
    roles: ["admin"],
    args: [{ reference: "R-0000-0000-00", status: "handled" }],
  },
  "lib/imports/actions.ts#previewImportAction": {
    roles: ["admin"],
    args: [{ sample: Buffer.from("name,phone,address\n").toString("base64") }],
  },
};

/** Callable without a session by design, each with the reason. */
const PUBLIC_ACTIONS: Record<string, string> = {
  "lib/i18n/actions.ts#setLocaleAction": "the language switch, used before anyone logs in",
  "components/language-switch.tsx#$$RSC_SERVER_ACTION_0": "the switch's inline form action; calls setLocaleAction",
  "app/(site)/signup/actions.ts#sendCodeAction": "sign-up is for people without an account (throttled per phone)",
  "app/(site)/signup/actions.ts#signupAction": "sign-up is for people without an account",
  "lib/parcels/actions.ts#resolveParcelAction": "anonymous scans get the masked view by design (asserted below)",
};

/**
 * Inline `"use server"` functions that only forward to a protected action. They return nothing,
 * so the sweep asserts their effect instead: without a session they end no session (see the
 * account panel test). Numbered in source order: endSession, then endOthers.
 */
const SESSION_WRAPPERS = {
  endSession: "components/account-panel.tsx#$$RSC_SERVER_ACTION_0",
  endOthers: "components/account-panel.tsx#$$RSC_SERVER_ACTION_1",
} as const;
const WRAPPER_ACTIONS: Record<string, string> = {
  [SESSION_WRAPPERS.endSession]: "the account panel's form wrapper of endSessionAction",
  [SESSION_WRAPPERS.endOthers]: "the account panel's form wrapper of endOtherSessionsAction",
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function sessionCookieName(baseURL: string): string {
  return baseURL.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

async function logIn(context: APIRequestContext, baseURL: string, role: Role): Promise<void> {
  const response = await context.post("/api/auth/login", { headers: { origin: baseURL }, data: ACCOUNTS[role] });
  expect(response.status(), `log in as ${role}`).toBe(200);
}

async function setUp(newContext: (baseURL: string) => Promise<APIRequestContext>, baseURL: string): Promise<World> {
  const contexts: APIRequestContext[] = [];
  const context = async () => {
    const created = await newContext(baseURL);
    contexts.push(created);
    return created;
  };
  const anonymous = await context();
  const registered = await anonymous.post("/api/v1/parcels", {
    headers: { authorization: `Bearer ${DEMO_API_KEY}` },
    data: PARCEL_INPUT,
  });
  expect(registered.status(), "register the parcel the sweep uses").toBe(201);
  const { code } = (await registered.json()) as { code: string };

  const sessions = {} as Record<Role, Caller>;
  for (const role of ROLES) {
    const session = await context();
    await logIn(session, baseURL, role);
    sessions[role] = { context: session, headers: {} };
  }

  // A token that was valid until logout: captured first, since logout deletes it from the jar.
  const ended = await context();
  await logIn(ended, baseURL, "courier");
  const cookieName = sessionCookieName(baseURL);
  const token = (await ended.storageState()).cookies.find((cookie) => cookie.name === cookieName)?.value;
  expect(token, "the login set a session cookie").toBeTruthy();
  const logout = await ended.post("/api/auth/logout", { headers: { origin: baseURL }, maxRedirects: 0 });
  expect(logout.status(), "log the revoked session out").toBe(303);

  const badKey = { authorization: "Bearer exq_not_a_key" };
  const callers: Record<CallerName, Caller> = {
    anonymous: { context: anonymous, headers: {} },
    // Own contexts, and an explicit Cookie header (Playwright then sends no jar cookies).
    "forged cookie": { context: await context(), headers: { cookie: `${cookieName}=forged.not-a-token` } },
    "revoked session": { context: await context(), headers: { cookie: `${cookieName}=${token}` } },
    "bad API key": { context: anonymous, headers: badKey },
    "admin session + bad API key": { context: sessions.admin.context, headers: badKey },
    ...sessions,
  };
  return { baseURL, code, callers, dispose: async () => void (await Promise.all(contexts.map((c) => c.dispose()))) };
}

function fillSegments(pattern: string, code: string): string {
  return pattern.replace(/\[([^\]]+)\]/g, (_, segment: string) => {
    if (segment === "code") return code;
    if (segment === "id") return NO_SUCH_USER; // a well-formed id of nothing
    throw new Error(`${pattern}: no value for the segment [${segment}]; add one to fillSegments`);
  });
}

type Sent = { label: string; response: APIResponse; text: string };

/** Sends one request per header variant (built afresh each time, e.g. for a new Idempotency-Key). */
async function sendBothWays(
  caller: Caller,
  method: HttpMethod,
  path: string,
  build: () => { data?: unknown; headers?: Record<string, string> } = () => ({}),
): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (const variant of HEADER_VARIANTS) {
    const { data, headers } = build();
    const response = await caller.context.fetch(path, {
      method,
      data,
      headers: { ...caller.headers, ...headers, ...variant.headers },
      maxRedirects: 0,
    });
    sent.push({ label: variant.label, response, text: method === "HEAD" ? "" : await response.text() });
  }
  return sent;
}

/** Calls a server action the way Next's client does: POST to a page that holds it, arguments as JSON. */
async function callActionBothWays(caller: Caller, action: BuiltAction, args: unknown[]): Promise<Sent[]> {
  return sendBothWays(caller, "POST", pagePathFor(action), () => ({
    data: JSON.stringify(args),
    headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
  }));
}

/**
 * What an action call came to. The RSC stream carries the return value as JSON, e.g.
 * `1:{"ok":false,"error":{"code":"unauthorized","message":"Log in first."}}`.
 */
function actionOutcome({ response, text }: Sent): string {
  const location = response.headers()["location"] ?? "";
  if (response.status() >= 300 && response.status() < 400 && location.startsWith("/login")) return "login redirect";
  if (text.includes('"ok":true')) return "ok";
  const error = /"ok":false,"error":\{"code":"([^"]+)"/.exec(text);
  if (error) return `error:${error[1]}`;
  return `HTTP ${response.status()}: ${text.slice(0, 160)}`;
}

function brief(text: string): string {
  return text.replace(/\s+/g, " ").slice(0, 160);
}

function actionsByKey(): Map<string, BuiltAction> {
  return new Map(serverActionsInBuild().map((action) => [action.key, action]));
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

let world: World;

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error("playwright.config.ts sets no baseURL");
  world = await setUp((url) => playwright.request.newContext({ baseURL: url }), baseURL);
});

test.afterAll(async () => {
  await world?.dispose();
});

test.describe("the sweep's tables match the build", () => {
  test("every API route in the build is public by the allow-list or has a row per exported method", () => {
    const built = routesInBuild();
    const patterns = built.map((route) => route.pattern);
    expect(
      built.filter((r) => r.methods.length === 0).map((r) => r.sourceFile),
      "routes exporting no method",
    ).toEqual([]);
    expect(
      Object.keys(PUBLIC_ROUTES).filter((pattern) => !patterns.includes(pattern)),
      "allow-listed routes that the build no longer has",
    ).toEqual([]);
    const protectedInBuild = built
      .filter((route) => !(route.pattern in PUBLIC_ROUTES))
      .flatMap((route) => route.methods.map((method) => `${method} ${route.pattern}`))
      .sort();
    expect(protectedInBuild, "PROTECTED_ROUTES must list exactly the build's non-public endpoints").toEqual(
      Object.keys(PROTECTED_ROUTES).sort(),
    );
  });

  test("every server action in the build is protected, public by the allow-list, or a checked wrapper", () => {
    const built = serverActionsInBuild();
    expect(built.length, "the manifest lists actions").toBeGreaterThan(0);
    const tables = [PROTECTED_ACTIONS, PUBLIC_ACTIONS, WRAPPER_ACTIONS];
    const classified = tables.flatMap((table) => Object.keys(table));
    expect(
      built.filter((action) => !classified.includes(action.key)).map((action) => action.key),
      "actions in the build that no table classifies",
    ).toEqual([]);
    expect(
      classified.filter((key) => !sourceDefinesAction(key)),
      "table rows naming an action the source no longer defines",
    ).toEqual([]);
    // An exported action no page imports is not in the build, so it has no id and cannot be called.
    const unreachable = classified.filter((key) => !built.some((action) => action.key === key));
    if (unreachable.length > 0) {
      test.info().annotations.push({ type: "not in this build", description: unreachable.join(", ") });
    }
  });
});

test.describe("API routes", () => {
  test("refuse every caller without valid credentials with 401, the bypass header changing nothing", async () => {
    const mismatches: string[] = [];
    for (const [endpoint, row] of Object.entries(PROTECTED_ROUTES)) {
      const [method, pattern] = endpoint.split(" ") as [HttpMethod, string];
      const path = fillSegments(pattern, world.code);
      const methods: HttpMethod[] = method === "GET" ? ["GET", "HEAD"] : [method];
      for (const callerName of NO_CREDENTIALS) {
        for (const sendMethod of methods) {
          const sent = await sendBothWays(world.callers[callerName], sendMethod, path, () => ({
            data: row.body?.(world.code),
            headers: row.headers?.(),
          }));
          for (const { label, response, text } of sent) {
            if (response.status() !== row.expected[callerName]) {
              mismatches.push(
                `${callerName}: ${sendMethod} ${path}${label} → ${response.status()} (expected ${row.expected[callerName]}) ${brief(text)}`,
              );
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  test("refuse sessions of the wrong role and let the right role past the gate", async () => {
    const mismatches: string[] = [];
    for (const [endpoint, row] of Object.entries(PROTECTED_ROUTES)) {
      const [method, pattern] = endpoint.split(" ") as [HttpMethod, string];
      const path = fillSegments(pattern, world.code);
      for (const role of ROLES) {
        const sent = await sendBothWays(world.callers[role], method, path, () => ({
          data: row.body?.(world.code),
          headers: row.headers?.(),
        }));
        for (const { label, response, text } of sent) {
          const what = `${role}: ${method} ${path}${label}`;
          if (response.status() !== row.expected[role]) {
            mismatches.push(`${what} → ${response.status()} (expected ${row.expected[role]}) ${brief(text)}`);
          }
          const sees = row.sees?.[role];
          if (sees && !text.includes(`"visibility":"${sees}"`)) mismatches.push(`${what} → not the ${sees} view`);
          if (sees === "masked" && PARCEL_PLAINTEXT.some((plain) => text.includes(plain))) {
            mismatches.push(`${what} → plaintext in a masked view: ${brief(text)}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  test("answer 405 to every method their source does not export, so the sweep saw every handler", async () => {
    const mismatches: string[] = [];
    for (const route of routesInBuild().filter((r) => !(r.pattern in PUBLIC_ROUTES))) {
      const path = fillSegments(route.pattern, world.code);
      const unexported = (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).filter((m) => !route.methods.includes(m));
      for (const method of unexported) {
        for (const { label, response } of await sendBothWays(world.callers.anonymous, method, path)) {
          if (response.status() !== 405) mismatches.push(`${method} ${path}${label} → ${response.status()}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  test("public routes do only what their allow-list reason says", async ({ playwright }) => {
    const { baseURL, callers, code } = world;
    const stranger = await playwright.request.newContext({ baseURL });
    const bystander = await playwright.request.newContext({ baseURL });
    try {
      await logIn(bystander, baseURL, "courier");
      const outsider: Caller = { context: stranger, headers: {} };
      const expectAll = async (sent: Promise<Sent[]>, status: number, what: string) => {
        for (const { label, response, text } of await sent) {
          expect.soft(response.status(), `${what}${label}: ${brief(text)}`).toBe(status);
        }
      };
      await expectAll(sendBothWays(outsider, "GET", "/api/health"), 200, "GET /api/health");
      await expectAll(sendBothWays(outsider, "GET", "/api/ready"), 200, "GET /api/ready");

      // Valid credentials, so only the origin check stands between these posts and a session.
      const credentials = { data: ACCOUNTS.admin };
      await expectAll(
        sendBothWays(outsider, "POST", "/api/auth/login", () => credentials),
        403,
        "login, no Origin",
      );
      await expectAll(
        sendBothWays(outsider, "POST", "/api/auth/login", () => ({
          ...credentials,
          headers: { origin: "https://evil.example" },
        })),
        403,
        "login from another origin",
      );
      expect((await stranger.storageState()).cookies, "no cookie came from the refused logins").toEqual([]);

      const withSession: Caller = { context: bystander, headers: {} };
      await expectAll(sendBothWays(withSession, "POST", "/api/auth/logout"), 403, "logout, no Origin");
      await expectAll(
        sendBothWays(withSession, "POST", "/api/auth/logout", () => ({ headers: { origin: "https://evil.example" } })),
        403,
        "logout from another origin",
      );
      const stillIn = await bystander.get(`/api/v1/parcels/${code}`);
      expect(stillIn.status(), "the refused logouts ended no session").toBe(200);

      // next-auth's session endpoint says nothing about who is behind a cookie.
      for (const caller of [callers.anonymous, callers["forged cookie"]]) {
        for (const { label, response, text } of await sendBothWays(caller, "GET", "/api/auth/session")) {
          expect.soft(response.status(), `GET /api/auth/session${label}`).toBe(200);
          expect.soft(JSON.parse(text), `GET /api/auth/session${label}`).toEqual({});
        }
      }
      for (const { label, text } of await sendBothWays(withSession, "GET", "/api/auth/session")) {
        for (const claim of ["sub", "sid", "role", "carrierId", "phoneHash", "courier"]) {
          expect.soft(text, `GET /api/auth/session${label} discloses no ${claim}`).not.toContain(claim);
        }
      }
    } finally {
      await Promise.all([stranger.dispose(), bystander.dispose()]);
    }
  });
});

test.describe("one login door", () => {
  /** Every path a credentials sign-in could be posted to: each route in the build, next-auth's own doors. */
  function signInPaths(): string[] {
    const nextAuthDoors = ["callback/credentials", "signin/credentials", "signin", "callback"].map(
      (door) => `/api/auth/${door}`,
    );
    const routes = routesInBuild()
      .filter((route) => route.pattern !== "/api/auth/login" && !route.pattern.includes("[..."))
      .map((route) => fillSegments(route.pattern, world.code));
    return [...nextAuthDoors, ...routes];
  }

  test("valid credentials posted anywhere but POST /api/auth/login create no session", async ({ playwright }) => {
    const { baseURL } = world;
    // Its own cookie jar: a door that wrongly opened must not log the sweep's anonymous caller in.
    const anonymous = { context: await playwright.request.newContext({ baseURL }) };
    const csrf = (await (await anonymous.context.get("/api/auth/csrf")).json()) as { csrfToken?: string };
    const cookieName = sessionCookieName(baseURL);
    for (const path of signInPaths()) {
      const bodies = [
        { ...ACCOUNTS.admin, csrfToken: csrf.csrfToken, json: "true" },
        { username: ACCOUNTS.admin.identifier, password: ACCOUNTS.admin.password, csrfToken: csrf.csrfToken },
      ];
      for (const body of bodies) {
        for (const form of [true, false]) {
          const response = await anonymous.context.post(path, {
            headers: { origin: baseURL },
            ...(form ? { form: body as Record<string, string> } : { data: body }),
            maxRedirects: 0,
          });
          const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie");
          expect
            .soft(
              cookies.filter((c) => c.value.startsWith(`${cookieName}=`) && !c.value.startsWith(`${cookieName}=;`)),
              `POST ${path} (${form ? "form" : "JSON"}) set a session cookie`,
            )
            .toEqual([]);
        }
      }
    }
    // Control: the door itself does open with the same credentials.
    const opened = await anonymous.context.post("/api/auth/login", {
      headers: { origin: baseURL },
      data: ACCOUNTS.admin,
      maxRedirects: 0,
    });
    expect(opened.status()).toBe(200);
    expect(opened.headers()["set-cookie"] ?? "").toContain(`${cookieName}=`);
    await anonymous.context.dispose();
  });
});

test.describe("server actions", () => {
  test("refuse every caller without a valid session with unauthorized, the bypass header changing nothing", async () => {
    const actions = actionsByKey();
    const mismatches: string[] = [];
    for (const [key, row] of Object.entries(PROTECTED_ACTIONS)) {
      const action = actions.get(key);
      if (!action) continue; // not in this build: no id, nothing to call (the table test notes it)
      for (const callerName of ["anonymous", "forged cookie", "revoked session"] as const) {
        const sent = await callActionBothWays(world.callers[callerName], action, row.args);
        const outcomes = sent.map(actionOutcome);
        // Without any cookie proxy.ts may already send the caller to /login; with one, the action decides.
        const allowed = callerName === "anonymous" ? ["error:unauthorized", "login redirect"] : ["error:unauthorized"];
        sent.forEach((one, i) => {
          const outcome = outcomes[i] ?? "";
          if (!allowed.includes(outcome)) mismatches.push(`${callerName}: ${key}${one.label} → ${outcome}`);
        });
        if (outcomes[0] !== outcomes[1])
          mismatches.push(`${callerName}: ${key}: the bypass header changed ${outcomes}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  test("refuse sessions of a role they do not allow with forbidden", async () => {
    const actions = actionsByKey();
    const mismatches: string[] = [];
    for (const [key, row] of Object.entries(PROTECTED_ACTIONS)) {
      const action = actions.get(key);
      if (!action) continue;
      for (const role of ROLES.filter((r) => !row.roles.includes(r))) {
        for (const sent of await callActionBothWays(world.callers[role], action, row.args)) {
          const outcome = actionOutcome(sent);
          if (outcome !== "error:forbidden") mismatches.push(`${role}: ${key}${sent.label} → ${outcome}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  test("the account panel's inline actions end no session for a caller without one", async ({ playwright }) => {
    const actions = actionsByKey();
    const wrappers = {
      endSession: actions.get(SESSION_WRAPPERS.endSession),
      endOthers: actions.get(SESSION_WRAPPERS.endOthers),
      endSessionAction: actions.get("lib/auth/actions.ts#endSessionAction"),
      endOtherSessionsAction: actions.get("lib/auth/actions.ts#endOtherSessionsAction"),
    };
    for (const [name, action] of Object.entries(wrappers)) expect(action, `${name} is in the build`).toBeDefined();
    const { endSession, endOthers, endSessionAction, endOtherSessionsAction } = wrappers as Record<
      keyof typeof wrappers,
      BuiltAction
    >;

    const { baseURL, code, callers } = world;
    const [first, second] = [
      await playwright.request.newContext({ baseURL }),
      await playwright.request.newContext({ baseURL }),
    ];
    try {
      await logIn(first, baseURL, "courier");
      await logIn(second, baseURL, "courier");
      // The account page lists the user's other sessions with their ids: the second one's id is the
      // one the first sees and the second does not.
      const otherSessions = async (context: APIRequestContext) =>
        [...(await (await context.get("/account")).text()).matchAll(/name="jti" value="([^"]+)"/g)].map((m) => m[1]);
      const seenByFirst = await otherSessions(first);
      const seenBySecond = await otherSessions(second);
      const target = seenByFirst.filter((jti) => !seenBySecond.includes(jti));
      expect(target, "exactly one session id belongs to the second login").toHaveLength(1);
      const jti = target[0];
      const alive = async (context: APIRequestContext) =>
        (await context.get(`/api/v1/parcels/${code}`)).status() === 200;

      for (const callerName of ["anonymous", "forged cookie", "revoked session"] as const) {
        const caller = callers[callerName];
        await callActionBothWays(caller, endSession, [{ jti }]);
        await callActionBothWays(caller, endOthers, []);
        await callActionBothWays(caller, endSessionAction, [{ jti }]);
        await callActionBothWays(caller, endOtherSessionsAction, [{}]);
      }
      // Another user's session is not theirs to end, even with its id.
      for (const sent of await callActionBothWays(callers.recipient, endSessionAction, [{ jti }])) {
        expect.soft(actionOutcome(sent), `recipient ends a courier's session${sent.label}`).toBe("error:not_found");
      }
      await callActionBothWays(callers.recipient, endSession, [{ jti }]);
      expect(await alive(first), "the first courier session survived").toBe(true);
      expect(await alive(second), "the second courier session survived").toBe(true);

      // Control: the same call from the owner's own session does end it, so the calls above could have.
      await callActionBothWays({ context: first, headers: {} }, endSession, [{ jti }]);
      expect(await alive(second), "the owner ended the second session through the wrapper").toBe(false);
      expect(await alive(first), "and kept the first").toBe(true);
    } finally {
      await Promise.all([first.dispose(), second.dispose()]);
    }
  });

  test("resolveParcelAction gives callers without a session only the masked view", async () => {
    const action = actionsByKey().get("lib/parcels/actions.ts#resolveParcelAction");
    test.skip(!action, "not in this build: no page imports lib/parcels/actions.ts yet, so it cannot be called");
    if (!action) return;
    for (const callerName of ["anonymous", "forged cookie", "revoked session"] as const) {
      for (const sent of await callActionBothWays(world.callers[callerName], action, [world.code])) {
        const what = `${callerName}: resolveParcelAction${sent.label}`;
        if (callerName === "anonymous" && actionOutcome(sent) === "login redirect") continue;
        expect.soft(sent.text, what).toContain('"visibility":"masked"');
        for (const plaintext of PARCEL_PLAINTEXT) expect.soft(sent.text, what).not.toContain(plaintext);
      }
    }
  });
});
