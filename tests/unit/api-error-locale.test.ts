import { describe, expect, it } from "vitest";
import { localizeApiError } from "@/lib/http/api-error-locale";
import { apiError, apiJson } from "@/lib/http/api-response";
import en from "@/lib/i18n/messages/en.json";
import ko from "@/lib/i18n/messages/ko.json";

const HANGUL = /[\uac00-\ud7a3]/;

describe("API errors in the reader's language", () => {
  it("gives a Korean reader a Korean sentence, keeping code, fields, status and headers", async () => {
    const original = apiError(400, "proof_missing", "Enter the recipient's PIN.", {
      fields: { pin: ["is required"] },
      headers: { "Retry-After": "5" },
    });
    const response = await localizeApiError(original, "ko");
    expect(response.status).toBe(400);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-language")).toBe("ko");
    const { error } = await response.json();
    expect(error).toEqual({
      code: "proof_missing",
      message: ko.apiErrors.proof_missing_pin,
      fields: { pin: ["is required"] },
    });
  });

  it("keeps lib's exact English sentence for an English reader", async () => {
    const response = await localizeApiError(apiError(404, "not_found", "No parcel has this code."), "en");
    expect((await response.json()).error.message).toBe("No parcel has this code.");
  });

  it("has a Korean sentence for an unknown code, and leaves successes and non-JSON alone", async () => {
    const unknown = await localizeApiError(apiError(418, "teapot", "I am a teapot."), "ko");
    expect((await unknown.json()).error.message).toBe(ko.apiErrors.failed);
    const success = apiJson({ error: { code: "x", message: "not an error" } }, 200);
    expect(await localizeApiError(success, "ko")).toBe(success);
    const pdf = new Response("%PDF", { status: 404, headers: { "content-type": "application/pdf" } });
    expect(await localizeApiError(pdf, "ko")).toBe(pdf);
  });

  it("has every sentence in both languages, the Korean ones in Hangul", () => {
    expect(Object.keys(ko.apiErrors).sort()).toEqual(Object.keys(en.apiErrors).sort());
    for (const [code, sentence] of Object.entries(ko.apiErrors)) expect(sentence, code).toMatch(HANGUL);
    for (const [code, sentence] of Object.entries(en.apiErrors)) expect(sentence, code).not.toMatch(HANGUL);
  });
});
