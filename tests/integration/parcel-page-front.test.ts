import { createServer, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { appDeps } from "@/lib/http/app-deps";
import { takeHandoff } from "@/lib/parcels/page-handoff";
import { resolveParcel, type ResolveOutcome } from "@/lib/parcels/resolve";
import { ANONYMOUS } from "@/lib/parcels/viewer";
import { PageCache } from "@/lib/server/page-cache";
import { parcelPageFront } from "@/lib/server/parcel-page-front";
import { api } from "../support/api";
import { createApiKey, createCarrier, createParcel, randomIp } from "../support/fixtures";
import { actAsTrustedProxy } from "../support/trusted-proxy";

/**
 * The front of scripts/serve.ts on a real HTTP server, real PostgreSQL and Redis.
 * Next.js is stood in for by a renderer that does what app/p/[code]/page.tsx does
 * with the handoff, so each test can count renders and shape the response.
 */
type Rendered = { status?: number; headers?: Record<string, string>; takeHandoff?: boolean };

let server: Server;
let origin: string;
let renders: { url: string; outcome: ResolveOutcome | null }[] = [];
let nextRender: Rendered = {};
const LIMIT_PER_HOUR = 30; // per IP: the 31st scan within the hour is refused

function render(url: string, res: ServerResponse): void {
  const code = decodeURIComponent(url.split("/")[2]?.split("?")[0] ?? "");
  const outcome = nextRender.takeHandoff === false ? null : takeHandoff(code);
  renders.push({ url, outcome });
  const body =
    outcome?.kind === "found"
      ? `<p>${outcome.view.status} ${outcome.view.recipient.name} ${outcome.view.visibility}</p>`
      : `<p>${outcome?.kind ?? "resolved by the page"}</p>`;
  res.writeHead(nextRender.status ?? (outcome?.kind === "not_found" ? 404 : 200), {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "x-frame-options": "DENY",
    ...nextRender.headers,
  });
  // Streamed in two writes, as Next.js does.
  res.write(body.slice(0, 5));
  res.end(body.slice(5));
}

beforeAll(async () => {
  const deps = { ...appDeps(), config: { ...env(), RESOLVE_LIMIT_PER_HOUR: LIMIT_PER_HOUR } };
  const front = parcelPageFront((code, meta) => resolveParcel(deps, ANONYMOUS, code, meta), new PageCache(1 << 20));
  server = createServer((req, res) => void front(req, res, async () => render(req.url ?? "", res)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

// The test is the clients' proxy: its X-Forwarded-For names each simulated caller.
const restoreProxies = actAsTrustedProxy();
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())).finally(restoreProxies));

async function get(path: string, headers: Record<string, string> = {}, ip = randomIp()) {
  const response = await fetch(origin + path, { headers: { "x-forwarded-for": ip, ...headers } });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

async function freshParcel() {
  const carrier = await createCarrier();
  const { key } = await createApiKey(carrier.id);
  const parcel = await createParcel(carrier.id, undefined, { status: "registered" });
  renders = [];
  nextRender = {};
  return { parcel, key };
}

describe("a stranger's scan of /p/{code}", () => {
  it("is rendered once, then served from memory with the same body and headers", async () => {
    const { parcel } = await freshParcel();
    const first = await get(`/p/${parcel.code}`);
    const second = await get(`/p/${parcel.code}`);
    expect(first.status).toBe(200);
    expect(first.body).toContain("masked");
    expect(second).toMatchObject({ status: 200, body: first.body });
    expect(second.headers.get("cache-control")).toBe("no-store");
    expect(second.headers.get("x-frame-options")).toBe("DENY");
    expect(renders).toHaveLength(1);
    expect(renders[0]?.outcome?.kind).toBe("found");
  });

  it("is sent gzipped to a client that accepts it", async () => {
    const { parcel } = await freshParcel();
    const plain = await get(`/p/${parcel.code}`);
    const response = await fetch(`${origin}/p/${parcel.code}`, { headers: { "accept-encoding": "gzip" } });
    expect(response.headers.get("content-encoding")).toBe("gzip");
    // fetch decompresses by itself; the raw bytes are checked through a plain socket read below.
    expect(await response.text()).toBe(plain.body);
    const raw = await new Promise<Buffer>((resolve, reject) => {
      request(`${origin}/p/${parcel.code}`, { headers: { "accept-encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk)).on("end", () => resolve(Buffer.concat(chunks)));
      })
        .on("error", reject)
        .end();
    });
    expect(gunzipSync(raw).toString()).toBe(plain.body);
  });

  it("is sent plain to a client that refuses gzip, and says the answer varies by Accept-Encoding", async () => {
    const { parcel } = await freshParcel();
    const plain = await get(`/p/${parcel.code}`);
    const raw = await new Promise<{ encoding: string | undefined; vary: string; body: string }>((resolve, reject) => {
      request(`${origin}/p/${parcel.code}`, { headers: { "accept-encoding": "gzip;q=0, identity" } }, (res) => {
        const chunks: Buffer[] = [];
        res
          .on("data", (chunk: Buffer) => chunks.push(chunk))
          .on("end", () =>
            resolve({
              encoding: res.headers["content-encoding"],
              vary: String(res.headers.vary ?? ""),
              body: Buffer.concat(chunks).toString(),
            }),
          );
      })
        .on("error", reject)
        .end();
    });
    expect(raw.encoding).toBeUndefined();
    expect(raw.body).toBe(plain.body);
    expect(raw.vary.toLowerCase()).toContain("accept-encoding");
  });

  it("is rendered again as soon as the parcel changes", async () => {
    const { parcel, key } = await freshParcel();
    expect((await get(`/p/${parcel.code}`)).body).toContain("registered");
    const event = await api.event(parcel.code, { key, idempotencyKey: parcel.code, body: { status: "picked_up" } });
    expect(event.status).toBe(201);
    expect((await get(`/p/${parcel.code}`)).body).toContain("picked_up");
    expect(renders).toHaveLength(2);
  });

  it("still counts against the caller's rate limit when served from memory", async () => {
    const { parcel } = await freshParcel();
    const ip = randomIp();
    const statuses: (ResolveOutcome["kind"] | "cached")[] = [];
    for (let i = 0; i <= LIMIT_PER_HOUR; i++) {
      const before = renders.length;
      await get(`/p/${parcel.code}`, {}, ip);
      statuses.push(renders.length === before ? "cached" : (renders.at(-1)?.outcome?.kind ?? "found"));
    }
    expect(statuses.slice(0, 2)).toEqual(["found", "cached"]);
    expect(statuses.at(-2)).toBe("cached");
    expect(statuses.at(-1)).toBe("rate_limited");
    expect(renders.at(-1)?.outcome).toMatchObject({ kind: "rate_limited" });
  });

  it("hands not-found to the page and caches nothing for it", async () => {
    await freshParcel();
    const unknown = "7ZZZZZZZZZZZZZZZZZZZZZZZZZ";
    expect((await get(`/p/${unknown}`)).status).toBe(404);
    expect((await get(`/p/${unknown}`)).status).toBe(404);
    expect(renders.map((r) => r.outcome?.kind)).toEqual(["not_found", "not_found"]);
  });
});

describe("never cached", () => {
  const uncached: [string, (code: string) => [string, Record<string, string>]][] = [
    ["a request with a session cookie", (c) => [`/p/${c}`, { cookie: "next-auth.session-token=x" }]],
    [
      "a request with the secure session cookie",
      (c) => [`/p/${c}`, { cookie: "a=1; __Secure-next-auth.session-token=x" }],
    ],
    ["a client-side navigation (RSC)", (c) => [`/p/${c}`, { rsc: "1" }]],
    ["a prefetch", (c) => [`/p/${c}`, { "next-router-prefetch": "1" }]],
    ["a query string", (c) => [`/p/${c}?_rsc=abc`, {}]],
    ["another path", (c) => [`/p/${c}/x`, {}]],
  ];
  it.each(uncached)("%s goes to the page every time, which resolves it itself", async (_, make) => {
    const { parcel } = await freshParcel();
    const [path, headers] = make(parcel.code);
    await get(path, headers);
    await get(path, headers);
    expect(renders).toHaveLength(2);
    expect(renders.every((r) => r.outcome === null)).toBe(true);
  });

  const unshared: [string, Rendered][] = [
    ["a page that sets a cookie", { headers: { "set-cookie": "a=1" } }],
    ["a page that did not come from the handoff", { takeHandoff: false }],
    ["an error page", { status: 500 }],
  ];
  it.each(unshared)("%s is not kept", async (_, rendered) => {
    const { parcel } = await freshParcel();
    nextRender = rendered;
    await get(`/p/${parcel.code}`);
    await get(`/p/${parcel.code}`);
    expect(renders).toHaveLength(2);
  });

  it("keeps each language apart", async () => {
    const { parcel } = await freshParcel();
    await get(`/p/${parcel.code}`, { "accept-language": "en" });
    await get(`/p/${parcel.code}`, { "accept-language": "ko" });
    await get(`/p/${parcel.code}`, { cookie: "NEXT_LOCALE=en" });
    expect(renders).toHaveLength(2);
  });
});
