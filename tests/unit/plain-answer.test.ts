import { describe, expect, it } from "vitest";
import { errorAnswer, fromWebResponse, jsonAnswer, nodeHeaders, toWebResponse } from "@/lib/http/plain-answer";

describe("plain answers", () => {
  it("become a Response whose own headers replace the defaults and whose cookies stay apart", async () => {
    const answer = jsonAnswer({ ok: true }, 201, { "cache-control": "private", "Retry-After": "5" });
    answer.headers["Set-Cookie"] = ["a=1; Path=/", "b=2; Path=/"];
    const response = toWebResponse(answer);
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("private");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("read back from a Response unchanged, body and every cookie included", async () => {
    const original = errorAnswer(429, "throttled", "Wait.", { headers: { "Retry-After": "30" } });
    const web = toWebResponse({ ...original, headers: { ...original.headers, "set-cookie": ["x=1", "y=2"] } });
    const back = await fromWebResponse(web);
    expect(back.status).toBe(429);
    expect(back.headers).toMatchObject({
      "retry-after": "30",
      "cache-control": "no-store",
      "set-cookie": ["x=1", "y=2"],
    });
    expect(JSON.parse(String(back.body))).toEqual({ error: { code: "throttled", message: "Wait." } });
  });

  it("read node's headers like web Headers: any case asked, repeated values joined, absent as null", () => {
    const headers = nodeHeaders({
      origin: "https://exq.test",
      "x-forwarded-for": "10.0.0.1",
      "set-cookie": ["a=1", "b=2"],
    });
    expect(headers.get("Origin")).toBe("https://exq.test");
    expect(headers.get("Set-Cookie")).toBe("a=1, b=2");
    expect(headers.get("host")).toBeNull();
  });
});
