import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureHeader } from "@/lib/webhooks/signature";
import { checkTarget, isPrivateAddress } from "@/lib/webhooks/target";

describe("webhook targets (SSRF)", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "fe80::1",
    "fd00::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "64:ff9b::10.0.0.1",
  ])("refuses %s", (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])("allows %s", (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );

  it.each([
    "http://127.0.0.1/hook",
    "https://127.0.0.1/hook",
    "https://localhost/hook",
    "https://[::1]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://10.0.0.8/hook",
    "https://2130706433/hook", // 127.0.0.1 as one number: URL parsing turns it into the address
  ])("refuses %s without WEBHOOK_ALLOW_PRIVATE, by the address it resolves to", async (url) => {
    expect((await checkTarget(url, false)).ok).toBe(false);
  });

  it("takes loopback and plain http only with WEBHOOK_ALLOW_PRIVATE", async () => {
    expect(await checkTarget("http://localhost:9/hook", true)).toMatchObject({ ok: true, family: expect.any(Number) });
    expect(await checkTarget("https://[::1]/hook", true)).toMatchObject({ ok: true, address: "::1", family: 6 });
  });

  it("refuses other schemes and credentials in the URL whatever the setting", async () => {
    for (const url of ["ftp://example.com/x", "file:///etc/passwd", "https://user:pw@127.0.0.1/", "not a url"]) {
      expect((await checkTarget(url, true)).ok).toBe(false);
    }
    expect(await checkTarget("http://93.184.216.34/hook", false)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/https/),
    });
    expect(await checkTarget("https://93.184.216.34/hook", false)).toMatchObject({
      ok: true,
      address: "93.184.216.34",
    });
  });
});

describe("webhook signatures", () => {
  it("is t=<seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'> keyed by the secret", () => {
    const secret = "whsec_test-secret";
    const body = JSON.stringify({ id: "e1", type: "parcel.status_changed" });
    const header = signatureHeader(secret, body, 1_700_000_000);
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(header).toBe(`t=1700000000,v1=${expected}`);
    expect(signatureHeader("whsec_other", body, 1_700_000_000)).not.toBe(header);
  });
});
