import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, resolveLocale } from "@/lib/i18n/locale";

describe("locale", () => {
  it.each([
    ["en-US,en;q=0.9", "en"],
    ["ko-KR,ko;q=0.9,en;q=0.8", "ko"],
    ["fr-FR,fr;q=0.9,en;q=0.5", "en"],
    ["ko;q=0.2,en;q=0.8", "en"],
    ["en;q=0,ko", "ko"],
    ["fr", undefined],
    ["", undefined],
    ["*", undefined],
    ["en;q=abc", undefined],
  ])("Accept-Language %j → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it("prefers the remembered choice, then the browser, then Korean", () => {
    expect(resolveLocale("en", "ko-KR")).toBe("en");
    expect(resolveLocale("xx", "en-GB")).toBe("en");
    expect(resolveLocale(undefined, undefined)).toBe("ko");
  });
});
