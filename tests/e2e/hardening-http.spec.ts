import fs from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";

/**
 * Issue 14 over HTTP against the production build: what Next.js itself answered with a 500
 * (finding 6), and forwarding headers a client made up (finding 3). Plain HTTP requests, no
 * browser: a browser would never send most of these.
 */
type Answer = { status: number; body: string; headers: http.IncomingHttpHeaders };

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  const base = new URL(test.info().project.use.baseURL!);
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

/** A public server action's id (the locale switch), from the build's manifest. */
function publicActionId(): string {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, action]) => action.exportedName === "setLocaleAction");
  if (!entry) throw new Error("setLocaleAction is not in the build");
  return entry[0];
}

test.describe("finding 6: a 4xx, never a 500", () => {
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

    test("a foreign Origin: 403, also with a matching X-Forwarded-Host (finding 3)", async () => {
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
