import { describe, expect, it } from "vitest";
import { securityHeaders } from "@/lib/http/security-headers";

/** HSTS: sent when the public URL is https, never over plain http. */
const hsts = (publicUrl?: string) =>
  securityHeaders(true, publicUrl).find((header) => header.key === "Strict-Transport-Security")?.value;

describe("Strict-Transport-Security", () => {
  it("is sent for an https PUBLIC_URL, for two years, subdomains included", () => {
    expect(hsts("https://exqress.example")).toBe("max-age=63072000; includeSubDomains");
  });

  it("is not sent over plain http or without a PUBLIC_URL", () => {
    expect(hsts("http://localhost:3000")).toBeUndefined();
    expect(hsts(undefined)).toBeUndefined();
  });
});
