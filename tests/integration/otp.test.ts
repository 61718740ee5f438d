import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { otpText, requestOtp, verifyOtp } from "@/lib/auth/otp";
import { HttpSmsSender, LocalSmsSender, LogSmsSender, smsSenderFromEnv, type SmsSender } from "@/lib/auth/sms-sender";
import { capturedLog } from "../support/captured-log";
import { isolatedRedis } from "../support/redis";

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;

const { redis, keys: ownKeys, cleanup } = isolatedRedis("otp");
let phones = 0;
const newPhone = () => `+82101234${String(++phones).padStart(4, "0")}`;

/** Keeps what was sent, so a test can read the code like the phone's owner would. */
class MemorySender implements SmsSender {
  sent: { phone: string; text: string }[] = [];
  async send(phone: string, text: string) {
    this.sent.push({ phone, text });
  }
  lastCode(): string {
    const code = /\b(\d{6})\b/.exec(this.sent.at(-1)?.text ?? "")?.[1];
    if (!code) throw new Error("no code was sent");
    return code;
  }
}

afterAll(cleanup);

describe("one-time codes", () => {
  it("sends a 6-digit code that works once", async () => {
    const sender = new MemorySender();
    const phone = newPhone();
    expect(await requestOtp(redis, sender, phone, T0)).toEqual({ ok: true });
    expect(sender.sent).toEqual([{ phone, text: otpText(sender.lastCode()) }]);
    const code = sender.lastCode();
    expect(await verifyOtp(redis, phone, code, T0 + 1_000)).toEqual({ ok: true });
    expect(await verifyOtp(redis, phone, code, T0 + 2_000)).toEqual({ ok: false, reason: "expired" });
  });

  it("keeps only a hash of the code, with a 5-minute TTL, and no phone number in key names", async () => {
    const sender = new MemorySender();
    const phone = newPhone();
    await requestOtp(redis, sender, phone);
    const keys = (await ownKeys()).filter((key) => key.startsWith("otp:"));
    expect(keys.some((key) => key.includes(phone.slice(1)))).toBe(false);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const stored = await redis.hgetall(key);
      expect(Object.keys(stored).sort()).toEqual(["attempts", "expiresAt", "hash"]);
      expect(JSON.stringify(stored)).not.toContain(sender.lastCode());
    }
    const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));
    expect(Math.max(...ttls)).toBeGreaterThan(5 * MINUTE - 5_000);
    expect(Math.max(...ttls)).toBeLessThanOrEqual(5 * MINUTE);
  });

  it("burns the code on the 5th wrong try, so even the right one fails afterwards", async () => {
    const sender = new MemorySender();
    const phone = newPhone();
    await requestOtp(redis, sender, phone, T0);
    const code = sender.lastCode();
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++) {
      expect(await verifyOtp(redis, phone, wrong, T0)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await verifyOtp(redis, phone, wrong, T0)).toEqual({ ok: false, reason: "too_many_attempts" });
    expect(await verifyOtp(redis, phone, code, T0)).toEqual({ ok: false, reason: "too_many_attempts" });
  });

  it("counts parallel guesses: never more than 5 are compared", async () => {
    const sender = new MemorySender();
    const phone = newPhone();
    await requestOtp(redis, sender, phone, T0);
    const code = sender.lastCode();
    const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + i + 1) % 1_000_000).padStart(6, "0"));
    const results = await Promise.all(guesses.map((guess) => verifyOtp(redis, phone, guess, T0)));
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(4);
    expect(results.filter((r) => !r.ok && r.reason === "too_many_attempts")).toHaveLength(8);
  });

  it("refuses an expired code, by the clock and by the real TTL", async () => {
    const sender = new MemorySender();
    const phone = newPhone();
    await requestOtp(redis, sender, phone, T0);
    expect(await verifyOtp(redis, phone, sender.lastCode(), T0 + 5 * MINUTE)).toEqual({
      ok: false,
      reason: "expired",
    });

    const other = newPhone();
    await requestOtp(redis, sender, other);
    const keys = (await ownKeys()).filter((key) => key.startsWith("otp:"));
    await Promise.all(keys.map((key) => redis.pexpire(key, 1)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await verifyOtp(redis, other, sender.lastCode())).toEqual({ ok: false, reason: "expired" });
  });

  it("throttles resends: one a minute, five an hour; a new code replaces the old one", async () => {
    const sender = new MemorySender();
    const phone = newPhone();
    expect(await requestOtp(redis, sender, phone, T0)).toEqual({ ok: true });
    const first = sender.lastCode();
    expect(await requestOtp(redis, sender, phone, T0 + 30_000)).toEqual({ ok: false, retryAfterSeconds: 30 });
    for (let minute = 1; minute <= 4; minute++) {
      expect(await requestOtp(redis, sender, phone, T0 + minute * MINUTE)).toEqual({ ok: true });
    }
    expect(sender.sent).toHaveLength(5);
    const sixth = await requestOtp(redis, sender, phone, T0 + 5 * MINUTE);
    expect(sixth.ok).toBe(false);
    expect(!sixth.ok && sixth.retryAfterSeconds).toBeGreaterThan(5 * 60);
    expect(sender.sent).toHaveLength(5);

    const latest = sender.lastCode();
    if (first !== latest) {
      expect(await verifyOtp(redis, phone, first, T0 + 5 * MINUTE)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await verifyOtp(redis, phone, latest, T0 + 5 * MINUTE)).toEqual({ ok: true });
    expect(await requestOtp(redis, sender, newPhone(), T0 + 30_000)).toEqual({ ok: true }); // per phone
  });
});

describe("SMS senders", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "exq-sms-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("the log sender (SMS_PROVIDER=log) writes through pino: the number masked, the message (its code) redacted", async () => {
    const captured = capturedLog();
    const print = vi.spyOn(console, "log");
    try {
      await new LogSmsSender(captured.log).send("+821012345678", otpText("493817"));
      expect(captured.entries()).toEqual([expect.objectContaining({ to: "010-1234-****", code: "[redacted]" })]);
      expect(captured.text()).not.toMatch(/493817|5678/);
      expect(print).not.toHaveBeenCalled();
    } finally {
      print.mockRestore();
    }
  });

  it("the local sender logs like the log sender and appends the message to the outbox, creating the folder", async () => {
    const captured = capturedLog();
    const print = vi.spyOn(console, "log");
    try {
      const outbox = path.join(dir, "nested", "outbox.log");
      const sender = new LocalSmsSender(outbox, captured.log);
      await sender.send("+821012345678", "first\nline");
      await sender.send("+821087654321", otpText("123456"));
      const lines = fs.readFileSync(outbox, "utf8").trimEnd().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \+821012345678 first line$/);
      expect(lines[1]).toContain(`+821087654321 ${otpText("123456")}`);
      expect(captured.entries().map((entry) => entry.to)).toEqual(["010-1234-****", "010-8765-****"]);
      expect(captured.text()).not.toMatch(/123456|5678|4321/);
      expect(print).not.toHaveBeenCalled();
    } finally {
      print.mockRestore();
    }
  });

  it("smsSenderFromEnv uses the provider when one is configured, the log for SMS_PROVIDER=log, else the outbox", () => {
    const local = smsSenderFromEnv({}, dir);
    expect(local).toBeInstanceOf(LocalSmsSender);
    expect((local as LocalSmsSender).outboxFile).toBe(path.join(dir, "outbox.log"));
    expect(smsSenderFromEnv({ SMS_PROVIDER: "outbox" }, dir)).toBeInstanceOf(LocalSmsSender);
    expect(smsSenderFromEnv({ SMS_PROVIDER_URL: "http://127.0.0.1:9/sms" }, dir)).toBeInstanceOf(HttpSmsSender);
    expect(smsSenderFromEnv({ SMS_PROVIDER: "log" }, dir)).toBeInstanceOf(LogSmsSender);
  });

  it("the HTTP sender posts JSON with the token, throws on an error status and on a timeout", async () => {
    const received: { method?: string; auth?: string; type?: string; body: string }[] = [];
    const server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        received.push({
          method: request.method,
          auth: request.headers.authorization,
          type: request.headers["content-type"],
          body,
        });
        if (request.url === "/fail") response.writeHead(500).end("provider down");
        else if (request.url === "/hang") setTimeout(() => response.writeHead(200).end(), 1_000);
        else response.writeHead(202).end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await new HttpSmsSender(`${base}/sms`, "secret-token").send("+821012345678", "hello");
      expect(received[0]).toEqual({
        method: "POST",
        auth: "Bearer secret-token",
        type: "application/json",
        body: JSON.stringify({ to: "+821012345678", text: "hello" }),
      });
      await new HttpSmsSender(`${base}/sms`).send("+821012345678", "no token");
      expect(received[1]?.auth).toBeUndefined();
      await expect(new HttpSmsSender(`${base}/fail`).send("+821012345678", "x")).rejects.toThrow(/HTTP 500/);
      await expect(new HttpSmsSender(`${base}/hang`, undefined, 100).send("+821012345678", "x")).rejects.toThrow();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
