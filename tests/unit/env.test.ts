import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, SMS_PROVIDER_REQUIRED } from "@/lib/config/env";
import { generatePiiKeys, piiKeyRing } from "@/lib/privacy/pii-crypto";

const valid = {
  DATABASE_URL: "postgres://user@127.0.0.1:5432/exqress",
  REDIS_URL: "redis://127.0.0.1:6379",
  AUTH_SECRET: "x".repeat(40),
  PII_KEYS: generatePiiKeys(),
};

function problems(source: Record<string, string | undefined>) {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
  throw new Error("expected the configuration to be refused");
}

describe("parseEnv", () => {
  it("applies the documented defaults", () => {
    const config = parseEnv(valid);
    expect(config).toMatchObject({
      PORT: 3000,
      PUBLIC_URL: "http://localhost:3000",
      PII_RETENTION_DAYS: 30,
      HISTORY_RETENTION_DAYS: 730,
      SESSION_IDLE_MINUTES: 30,
      COURIER_IDLE_MINUTES: 600,
      SESSION_MAX_HOURS: 12,
      REDIS_KEY_PREFIX: "exq:",
    });
    expect(piiKeyRing(config.PII_KEYS).current.key).toHaveLength(32);
  });

  it("derives PUBLIC_URL from PORT and strips a trailing slash from a given one", () => {
    expect(parseEnv({ ...valid, PORT: "8080" }).PUBLIC_URL).toBe("http://localhost:8080");
    expect(parseEnv({ ...valid, PUBLIC_URL: "https://exq.example/" }).PUBLIC_URL).toBe("https://exq.example");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ ...valid, PORT: "" }).PORT).toBe(3000);
  });

  it("takes a Redis Cluster as REDIS_CLUSTER_NODES, which wins over REDIS_URL, or as a redis+cluster:// URL", () => {
    const nodes = "10.0.0.1:6379, 10.0.0.2:6380";
    expect(parseEnv({ ...valid, REDIS_CLUSTER_NODES: nodes }).REDIS_URL).toBe(
      "redis+cluster://10.0.0.1:6379,10.0.0.2:6380",
    );
    expect(parseEnv({ ...valid, REDIS_URL: undefined, REDIS_CLUSTER_NODES: nodes }).REDIS_URL).toMatch(
      /^redis\+cluster:/,
    );
    const url = "rediss+cluster://:s3cret@a.example:7000,b.example:7001";
    expect(parseEnv({ ...valid, REDIS_URL: url }).REDIS_URL).toBe(url);
  });

  it("names every missing variable", () => {
    const names = problems({}).map((p) => p.variable);
    expect(names.sort()).toEqual(["AUTH_SECRET", "DATABASE_URL", "PII_KEYS", "REDIS_URL"]);
    expect(problems({}).every((p) => p.message === "is required")).toBe(true);
  });

  it.each([
    ["DATABASE_URL", "mysql://127.0.0.1/db", /postgres:\/\//],
    ["REDIS_URL", "not a url", /redis:\/\//],
    ["PORT", "70000", /65535/],
    ["PORT", "abc", /./],
    ["PUBLIC_URL", "ftp://example.com", /https?:|http:\/\//],
    ["AUTH_SECRET", "short", /32 characters/],
    ["PII_KEYS", "k1:tooshort", /PII_KEYS|32 bytes|base64/],
    ["PII_RETENTION_DAYS", "-1", /positive/],
    ["HISTORY_RETENTION_DAYS", "0", /positive/],
    ["HISTORY_RETENTION_DAYS", "29", /at least PII_RETENTION_DAYS = 30/],
    ["SESSION_IDLE_MINUTES", "1.5", /whole number/],
    ["COURIER_IDLE_MINUTES", "0", /positive/],
    ["COURIER_IDLE_MINUTES", "721", /at most SESSION_MAX_HOURS × 60 = 720/],
    ["REDIS_KEY_PREFIX", "has space", /letters/],
    ["REDIS_KEY_PREFIX", "exq:{tag}:", /letters/],
    ["REDIS_URL", "redis+cluster://", /redis\+cluster:\/\//],
    ["REDIS_CLUSTER_NODES", "10.0.0.1,10.0.0.2:6379", /host:port/],
  ])("refuses %s=%s with a message naming it", (variable, value, message) => {
    const found = problems({ ...valid, [variable]: value });
    expect(found.map((p) => p.variable)).toEqual([variable]);
    expect(found[0]!.message).toMatch(message);
  });

  describe("the SMS provider for sign-up codes", () => {
    const vapid = {
      VAPID_PUBLIC_KEY: Buffer.alloc(65, 4).toString("base64url"),
      VAPID_PRIVATE_KEY: Buffer.alloc(32, 1).toString("base64url"),
      VAPID_SUBJECT: "mailto:ops@exqress.example",
    };
    const production = { ...valid, ...vapid, NODE_ENV: "production" };

    it("is required in production: without one the start is refused with one sentence saying what to set", () => {
      expect(problems(production)).toEqual([{ variable: "SMS_PROVIDER_URL", message: SMS_PROVIDER_REQUIRED }]);
      expect(SMS_PROVIDER_REQUIRED).toMatch(/SMS_PROVIDER_URL.*SMS_PROVIDER=log/);
    });

    it("is a provider's URL, or SMS_PROVIDER=log (staging) or outbox (local servers) said explicitly", () => {
      expect(parseEnv({ ...production, SMS_PROVIDER_URL: "https://sms.example/send" }).SMS_PROVIDER_URL).toBe(
        "https://sms.example/send",
      );
      expect(parseEnv({ ...production, SMS_PROVIDER: "log" }).SMS_PROVIDER).toBe("log");
      expect(parseEnv({ ...production, SMS_PROVIDER: "outbox" }).SMS_PROVIDER).toBe("outbox");
    });

    it("may be left out outside production (the local outbox)", () => {
      expect(parseEnv(valid).SMS_PROVIDER).toBeUndefined();
      expect(parseEnv({ ...valid, NODE_ENV: "test" }).SMS_PROVIDER_URL).toBeUndefined();
    });

    it("refuses an unknown SMS_PROVIDER and both at once", () => {
      expect(problems({ ...production, SMS_PROVIDER: "console" }).map((p) => p.variable)).toEqual(["SMS_PROVIDER"]);
      const both = problems({ ...production, SMS_PROVIDER: "log", SMS_PROVIDER_URL: "https://sms.example/send" });
      expect(both).toEqual([{ variable: "SMS_PROVIDER", message: expect.stringMatching(/not both/) }]);
    });
  });

  it("keeps a courier's idle limit within a session's lifetime, naming what to change even when left unset", () => {
    expect(parseEnv({ ...valid, SESSION_MAX_HOURS: "8", COURIER_IDLE_MINUTES: "480" }).COURIER_IDLE_MINUTES).toBe(480);
    const found = problems({ ...valid, SESSION_MAX_HOURS: "8" });
    expect(found).toEqual([
      {
        variable: "COURIER_IDLE_MINUTES",
        message: expect.stringMatching(/^must be at most SESSION_MAX_HOURS × 60 = 480 .*raise SESSION_MAX_HOURS$/),
      },
    ]);
    expect(() => parseEnv({ ...valid, SESSION_MAX_HOURS: "8" })).toThrow(/COURIER_IDLE_MINUTES: must be at most/);
  });

  it("never prints key material in its error", () => {
    const secretKey = Buffer.alloc(16, 7).toString("base64");
    const error = (() => {
      try {
        parseEnv({ ...valid, PII_KEYS: `k1:${secretKey}` });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain("PII_KEYS");
    expect(error?.message).not.toContain(secretKey);
  });
});
