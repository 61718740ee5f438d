import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hideInternalHeaders } from "@/lib/http/internal-headers";

// A real HTTP server of this process, answering the way Next.js does: setHeader, then writeHead.
let server: http.Server;
let base: string;

beforeAll(async () => {
  hideInternalHeaders();
  server = http.createServer((req, res) => {
    res.setHeader("x-nextjs-cache", "HIT");
    res.setHeader("x-middleware-rewrite", "/stranger-view/ko/CODE/KEY");
    res.setHeader("content-security-policy", "default-src 'self'");
    if (req.url === "/p/ABC/listed") res.writeHead(200, ["x-matched-path", "/p/[code]", "x-kept", "yes"]);
    else res.writeHead(200, { "X-Nextjs-Stale-Time": "300", "x-kept": "yes" });
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a parcel page's answer", () => {
  it("loses Next.js's internal headers, however they were set, and keeps the rest", async () => {
    for (const path of ["/p/ABC", "/p/ABC/listed", "/stranger-view/ko/ABC/KEY"]) {
      const answer = await fetch(`${base}${path}`);
      const names = [...answer.headers.keys()];
      expect(
        names.filter((name) => /^x-(nextjs|middleware)-|^x-matched-path$/.test(name)),
        path,
      ).toEqual([]);
      expect(answer.headers.get("x-kept"), path).toBe("yes");
      expect(answer.headers.get("content-security-policy"), path).toBe("default-src 'self'");
    }
  });

  it("is the only one: elsewhere the client router reads them", async () => {
    const answer = await fetch(`${base}/parcels`);
    expect(answer.headers.get("x-nextjs-cache")).toBe("HIT");
    expect(answer.headers.get("x-nextjs-stale-time")).toBe("300");
  });
});
