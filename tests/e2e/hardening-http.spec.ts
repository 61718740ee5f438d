import fs from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { startNextServer, type NextServer } from "@/scripts/services/next-server";

/**
 * Hardening over HTTP against the production build: what Next.js itself would answer with a 500,
 * and forwarding headers a client made up. Plain HTTP requests, no
 * browser: a browser would never send most of these.
 */
type Answer = { status: number; body: string; headers: http.IncomingHttpHeaders };

function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
  baseURL = test.info().project.use.baseURL!,
): Promise<Answer> {
  const base = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

type ManifestAction = { exportedName?: string; workers: Record<string, unknown> };

/** The first server action of the build's manifest that `pick` accepts, by id. */
function actionId(pick: (action: ManifestAction) => boolean): string {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, ManifestAction>;
  };
  const entry = Object.entries(manifest.node).find(([, action]) => pick(action));
  if (!entry) throw new Error("no such server action in the build");
  return entry[0];
}

/** A public server action's id (the locale switch), from the build's manifest. */
const publicActionId = () => actionId((action) => action.exportedName === "setLocaleAction");

test.describe("a 4xx, never a 500", () => {
  for (const path of ["/p/%ZZ", "/p/%C0%AE%C0%AE", "/api/v1/parcels/%ZZ", "/api/v1/parcels/%E0%A4%A"]) {
    test(`GET ${path}`, async () => {
      const answer = await send("GET", path);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    });
  }

  test("TRACE on the API and a page: 405 (TRACK: Node's own parser answers 400)", async () => {
    for (const path of ["/api/v1/parcels/ABC", "/api/auth/login", "/"]) {
      expect((await send("TRACE", path)).status).toBe(405);
      expect((await send("TRACK", path)).status).toBe(400);
    }
  });

  test.describe("server actions", () => {
    const origin = () => test.info().project.use.baseURL!.replace(/\/$/, "");
    const action = (headers: Record<string, string>, body: string) =>
      send(
        "POST",
        "/",
        {
          "next-action": publicActionId(),
          accept: "text/x-component",
          "content-type": "text/plain;charset=UTF-8",
          ...headers,
        },
        body,
      );

    test("same origin, well formed: still works", async () => {
      expect((await action({ origin: origin() }, JSON.stringify([{ locale: "ko" }]))).status).toBe(200);
    });

    test("a foreign Origin: 403, also with a matching X-Forwarded-Host", async () => {
      const body = JSON.stringify([{ locale: "en" }]);
      expect((await action({ origin: "https://evil.example" }, body)).status).toBe(403);
      const forwarded = { origin: "https://evil.example", "x-forwarded-host": "evil.example" };
      expect((await action(forwarded, body)).status).toBe(403);
    });

    test("a 2 MB body: 413", async () => {
      const body = JSON.stringify(["x".repeat(2 * 1024 * 1024)]);
      expect((await action({ origin: origin() }, body)).status).toBe(413);
    });

    test("200,000 levels of nesting: 400", async () => {
      const body = "[".repeat(200_000) + "]".repeat(200_000);
      expect((await action({ origin: origin() }, body)).status).toBe(400);
    });

    test("a body that is not JSON: 400", async () => {
      expect((await action({ origin: origin() }, "not json{")).status).toBe(400);
    });
  });
});

test.describe("malformed server actions: 400 before React decodes them, and nothing thrown in the server", () => {
  // A replica of its own, so its log is ours to read.
  let server: NextServer;
  test.beforeAll(async () => {
    server = await startNextServer({ env: process.env, capture: true });
  });
  test.afterAll(async () => server?.stop());
  // After each test, not in one of its own: a failed test gets a new worker, and with it a new server.
  test.afterEach(async () => {
    // Give a stream aborted by a forwarded action time to surface.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.output()).not.toContain("uncaughtException");
    expect(server.output()).not.toContain(`"status":"500"`);
  });

  const post = (path: string, id: string, contentType: string, body: string) =>
    send(
      "POST",
      path,
      { "next-action": id, accept: "text/x-component", origin: server.url, "content-type": contentType },
      body,
      server.url,
    );
  const TEXT = "text/plain;charset=UTF-8";
  const multipart = (boundary: string, fields: Record<string, string>) =>
    Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") + `--${boundary}--\r\n`;

  test("arguments that are not a list, or name rows the body does not have: 400", async () => {
    for (const body of ['"x"', '{"locale":"en"}', '["$@1",{"name":"$Q1"}]', '["$1"]', '[{"a":"$K1","b":"$B1"}]']) {
      const answer = await post("/", publicActionId(), TEXT, body);
      expect(answer.status, body).toBe(400);
    }
  });

  test("a multipart body that does not parse, or has no arguments row: 400", async () => {
    const wrongBoundary = await post(
      "/",
      publicActionId(),
      "multipart/form-data; boundary=expected",
      multipart("other", { "0": '["$K1"]' }),
    );
    expect(wrongBoundary.status).toBe(400);
    const noBoundary = await post("/", publicActionId(), "multipart/form-data", multipart("b", { "0": "[]" }));
    expect(noBoundary.status).toBe(400);
    const form = "multipart/form-data; boundary=b";
    expect((await post("/", publicActionId(), form, multipart("b", { "1_$ACTION_ID_x": "1" }))).status).toBe(400);
    expect((await post("/", publicActionId(), form, multipart("b", { "0": '["$@1"]' }))).status).toBe(400);
  });

  test("a well-formed multipart action still works", async () => {
    const form = multipart("b", { "0": '["$K1"]', _1_locale: "ko" });
    const answer = await post("/", publicActionId(), "multipart/form-data; boundary=b", form);
    expect(answer.status).toBe(200);
  });

  test("another page's action, posted to the login page without a session: 400, nothing forwarded", async () => {
    const elsewhere = actionId((action) => !Object.keys(action.workers).some((page) => page.endsWith("/login/page")));
    for (let i = 0; i < 3; i++) {
      const answer = await post("/login", elsewhere, TEXT, "[]");
      expect(answer.status).toBe(400);
    }
    // An id this build does not have is Next.js's own to answer (409: a page from another deployment).
    expect((await post("/login", "00".repeat(21), TEXT, "[]")).status).toBe(409);
  });
});
