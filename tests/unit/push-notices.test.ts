import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env";
import { openNoticePage, type WindowClients } from "@/lib/core/notification-click";
import { DEFAULT_PUSH_SERVICE_HOSTS, isAllowedEndpoint, parsePushHosts } from "@/lib/core/push-hosts";
import { parsePushNotice } from "@/lib/core/push-notice";
import { pushNoticeText } from "@/lib/i18n/push-notice-text";
import { generatePiiKeys } from "@/lib/privacy/pii-crypto";

const defaults = parsePushHosts(DEFAULT_PUSH_SERVICE_HOSTS).hosts;

describe("PUSH_SERVICE_HOSTS", () => {
  it("lets the major browsers' push services through, https only", () => {
    for (const endpoint of [
      "https://fcm.googleapis.com/fcm/send/abc:def",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
      "https://wns2-by3p.notify.windows.com/w/?token=BQYAAA",
      "https://web.push.apple.com/QGuQyavXutnMH",
    ]) {
      expect(isAllowedEndpoint(endpoint, defaults), endpoint).toBe(true);
    }
  });

  it("refuses other hosts, ports, schemes, credentials and look-alikes", () => {
    for (const endpoint of [
      "http://fcm.googleapis.com/fcm/send/x",
      "https://fcm.googleapis.com:8443/fcm/send/x",
      "https://fcm.googleapis.com.evil.example/x",
      "https://notify.windows.com/x",
      "https://evilnotify.windows.com/x",
      "https://user:pw@fcm.googleapis.com/x",
      "https://127.0.0.1/x",
      "ftp://web.push.apple.com/x",
      "not a url",
    ]) {
      expect(isAllowedEndpoint(endpoint, defaults), endpoint).toBe(false);
    }
  });

  it("allows plain http only to a listed loopback address and port", () => {
    const { hosts } = parsePushHosts("127.0.0.1:4567");
    expect(isAllowedEndpoint("http://127.0.0.1:4567/push/1", hosts)).toBe(true);
    expect(isAllowedEndpoint("http://127.0.0.1:4568/push/1", hosts)).toBe(false);
    expect(isAllowedEndpoint("http://localhost:4567/push/1", hosts)).toBe(false);
    expect(isAllowedEndpoint("http://10.0.0.1:4567/push/1", parsePushHosts("10.0.0.1:4567").hosts)).toBe(false);
  });

  it("names the entries that are not hosts", () => {
    expect(parsePushHosts("fcm.googleapis.com, *.*.example, https://x.example, a.example:99999").bad).toEqual([
      "*.*.example",
      "https://x.example",
      "a.example:99999",
    ]);
  });
});

describe("the VAPID configuration", () => {
  const base = {
    DATABASE_URL: "postgres://h/db",
    REDIS_URL: "redis://h",
    AUTH_SECRET: "a".repeat(40),
    PII_KEYS: generatePiiKeys(),
    SMS_PROVIDER: "log",
  };

  it("is optional outside production and required in production, each variable by name", () => {
    expect(parseEnv(base).VAPID_PUBLIC_KEY).toBeUndefined();
    expect(() => parseEnv({ ...base, NODE_ENV: "production" })).toThrow(
      /VAPID_PUBLIC_KEY: is required in production[\s\S]*VAPID_PRIVATE_KEY[\s\S]*VAPID_SUBJECT/,
    );
  });

  it("checks the keys' sizes and the subject's scheme", () => {
    const bad = { VAPID_PUBLIC_KEY: "abc", VAPID_PRIVATE_KEY: "abc", VAPID_SUBJECT: "http://x.example" };
    expect(() => parseEnv({ ...base, ...bad })).toThrow(/VAPID_PUBLIC_KEY[\s\S]*VAPID_PRIVATE_KEY[\s\S]*VAPID_SUBJECT/);
    expect(() => parseEnv({ ...base, PUSH_SERVICE_HOSTS: "https://fcm.googleapis.com" })).toThrow(/PUSH_SERVICE_HOSTS/);
  });
});

describe("a push's notice", () => {
  it("reads only well-formed notices and worded in Korean and English", () => {
    const notice = parsePushNotice({ kind: "status", status: "delivered", codeTail: "7K2M", path: "/p/ABCD7K2M" });
    expect(notice).not.toBeNull();
    expect(pushNoticeText(notice!, "ko")).toEqual({ title: "배송 완료", body: "택배(…7K2M)가 배송되었어요." });
    expect(pushNoticeText(notice!, "en").title).toBe("Delivered");
    const assigned = parsePushNotice({ kind: "assigned", count: 3, codeTail: "7K2M", path: "/courier" });
    expect(pushNoticeText(assigned!, "ko").body).toBe("새 배송 3건이 배정되었어요.");
    for (const bad of [
      null,
      { kind: "status", status: "registered", codeTail: "7K2M", path: "/p/X" },
      { kind: "message", codeTail: "7K2M", path: "//evil.example" },
      { kind: "message", codeTail: "7K2M", path: "https://evil.example/" },
      { kind: "message", codeTail: "<b>", path: "/p/X" },
    ]) {
      expect(parsePushNotice(bad)).toBeNull();
    }
  });
});

describe("a tap on a notification", () => {
  const origin = "https://exq.example";
  function fakeClients(urls: string[]) {
    const calls: string[] = [];
    const clients: WindowClients = {
      matchAll: async () => urls.map((url) => ({ url, focus: async () => calls.push(`focus ${url}`) })),
      openWindow: async (url) => calls.push(`open ${url}`),
    };
    return { clients, calls };
  }

  it("focuses the window already on the page, else opens it; never another origin", async () => {
    const open = fakeClients([`${origin}/parcels`, `${origin}/p/ABCD7K2M`]);
    await openNoticePage(open.clients, origin, "/p/ABCD7K2M");
    expect(open.calls).toEqual([`focus ${origin}/p/ABCD7K2M`]);

    const none = fakeClients([`${origin}/parcels`]);
    await openNoticePage(none.clients, origin, "/courier");
    expect(none.calls).toEqual([`open ${origin}/courier`]);

    const evil = fakeClients([]);
    for (const path of ["//evil.example/x", "/\\evil.example", "https://evil.example/", null]) {
      await openNoticePage(evil.clients, origin, path);
    }
    expect(evil.calls).toEqual([]);
  });
});
