import { describe, expect, it } from "vitest";
import { isDecodableReply } from "@/lib/http/action-arguments";
import { actionPages } from "@/lib/http/action-pages";
import { guardServerAction } from "@/lib/http/server-action-guard";

const text = (body: string) => new Map([["0", body]]);

describe("a server action's arguments", () => {
  it("are a JSON list whose strings need no row, as our pages send them", () => {
    for (const body of [
      "[]",
      '[{"locale":"ko"}]',
      '[null,{"note":"$$5 off","when":"$D2026-01-01T00:00:00.000Z","n":"$n12","u":"$undefined"}]',
      '["$NaN","$Infinity","$-Infinity","$-0","$T"]',
    ]) {
      expect(isDecodableReply(text(body)), body).toBe(true);
    }
  });

  it("are refused when not a list, not JSON, too deep, or naming a row the body does not have", () => {
    for (const body of [
      '"x"',
      '{"locale":"en"}',
      "not json{",
      "[".repeat(40) + "]".repeat(40),
      '["$@1",{"name":"$Q1"}]',
      '["$1"]',
      '["$a:b"]',
      '["$B1"]',
      '["$h1"]',
      '["$R1"]',
      '["$nxyz"]',
      '["$Z"]',
    ]) {
      expect(isDecodableReply(text(body)), body).toBe(false);
    }
  });

  it("may name the rows a multipart body has, which are read the same way", () => {
    expect(
      isDecodableReply(
        new Map([
          ["0", '["$K1"]'],
          ["_1_locale", "ko"],
        ]),
      ),
    ).toBe(true);
    expect(isDecodableReply(new Map([["0", '["$K1"]']]))).toBe(true);
    expect(
      isDecodableReply(
        new Map([
          ["0", '["$@1"]'],
          ["1", '{"a":"b"}'],
        ]),
      ),
    ).toBe(true);
    expect(
      isDecodableReply(
        new Map<string, string | Blob>([
          ["0", '["$B1"]'],
          ["1", new Blob(["x"])],
        ]),
      ),
    ).toBe(true);
    expect(
      isDecodableReply(
        new Map([
          ["0", '["$@1"]'],
          ["1", '["$2"]'],
        ]),
      ),
    ).toBe(false);
    expect(isDecodableReply(new Map([["1_$ACTION_ID_x", "1"]]))).toBe(false);
    expect(isDecodableReply(new Map([["0", '["$@0"]']]))).toBe(true);
  });
});

describe("the page an action is posted to", () => {
  const pages = actionPages(
    {
      node: {
        locale: { workers: { "app/(site)/page": {}, "app/(site)/login/page": {}, "app/(site)/p/[code]/page": {} } },
        parcels: { workers: { "app/(site)/parcels/page": {} } },
      },
    },
    {
      "/(site)/page": "/",
      "/(site)/login/page": "/login",
      "/(site)/p/[code]/page": "/p/[code]",
      "/_not-found/page": "/_not-found",
      "/(site)/parcels/page": "/parcels",
    },
    {
      staticRoutes: [{ page: "/" }, { page: "/login" }, { page: "/parcels" }],
      dynamicRoutes: [{ page: "/p/[code]", regex: "^/p/([^/]+?)(?:/)?$" }],
    },
  );

  it("must be one whose code uses it; an id the build does not have is Next.js's to answer", () => {
    expect(pages.fits("locale", "/login")).toBe(true);
    expect(pages.fits("locale", "/p/ABC")).toBe(true);
    expect(pages.fits("parcels", "/parcels")).toBe(true);
    expect(pages.fits("parcels", "/login")).toBe(false);
    expect(pages.fits("parcels", "/p/ABC")).toBe(false);
    expect(pages.fits("locale", "/no-such-page")).toBe(false);
    expect(pages.fits("__proto__", "/login")).toBe(true);
    expect(pages.fits("unknown", "/login")).toBe(true);
  });

  it("is checked before the body, with a 400", async () => {
    const post = (path: string, id: string, body: string, contentType = "text/plain;charset=UTF-8") =>
      guardServerAction(
        new Request(`http://app.test${path}`, {
          method: "POST",
          headers: { "next-action": id, "content-type": contentType },
          body,
        }),
        pages,
      );
    expect(await post("/login", "locale", "[]")).toBeNull();
    expect((await post("/login", "parcels", "[]"))?.status).toBe(400);
    expect((await post("/login", "locale", '"x"'))?.status).toBe(400);
    const wrongBoundary = '--other\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]\r\n--other--\r\n';
    expect((await post("/login", "locale", wrongBoundary, "multipart/form-data; boundary=expected"))?.status).toBe(400);
    const form = '--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--b--\r\n';
    expect(await post("/login", "locale", form, "multipart/form-data; boundary=b")).toBeNull();
  });
});
