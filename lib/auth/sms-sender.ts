import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import { logger } from "@/lib/observability/logger";
import { maskPhone } from "@/lib/privacy/mask";

/** Sends one text message; throws when the message was not accepted. */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/**
 * No provider, said explicitly (SMS_PROVIDER=log, a staging system): nothing is sent, the log
 * says a message was made for a masked number. The message carries the code, so it goes under
 * `code`, a key the logger redacts: neither reaches the log.
 */
export class LogSmsSender implements SmsSender {
  constructor(private readonly log: Pick<Logger, "info"> = logger()) {}

  async send(phone: string, text: string): Promise<void> {
    this.log.info({ to: maskPhone(phone), code: text }, "sms not sent: no SMS provider");
  }
}

/**
 * Local servers and tests (SMS_PROVIDER=outbox, the default outside production): logged like
 * LogSmsSender, and written in clear to an outbox file, where a developer or an end-to-end
 * test reads the code.
 */
export class LocalSmsSender implements SmsSender {
  private readonly logged: LogSmsSender;

  constructor(
    readonly outboxFile: string = path.join(".data", "outbox.log"),
    log?: Pick<Logger, "info">,
  ) {
    this.logged = new LogSmsSender(log);
  }

  async send(phone: string, text: string): Promise<void> {
    await this.logged.send(phone, text);
    // One message per line, whatever the text holds, so the outbox stays greppable.
    const line = `${new Date().toISOString()} ${phone} ${text.replace(/\s*[\r\n]+\s*/g, " ")}`;
    await mkdir(path.dirname(this.outboxFile), { recursive: true });
    await appendFile(this.outboxFile, `${line}\n`, "utf8");
  }
}
/** A provider's HTTP endpoint taking `{ to, text }` as JSON, with an optional bearer token. */
export class HttpSmsSender implements SmsSender {
  constructor(
    readonly url: string,
    private readonly token?: string,
    private readonly timeoutMs = 5_000,
  ) {}

  async send(phone: string, text: string): Promise<void> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    // A provider that hangs must not hold the sign-up request (and its connection) for long.
    const response = await fetch(this.url, {
      method: "POST",
      headers,
      body: JSON.stringify({ to: phone, text }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await response.body?.cancel(); // the answer's body is not needed; free the connection
    // The provider's answer is not echoed: it may repeat the number or the message.
    if (!response.ok) throw new Error(`SMS provider answered HTTP ${response.status}`);
  }
}

/** The sender the configuration names; env.ts has refused a production start that names none. */
export function smsSenderFromEnv(
  env: { SMS_PROVIDER_URL?: string; SMS_PROVIDER_TOKEN?: string; SMS_PROVIDER?: "log" | "outbox" },
  dataDir: string,
): SmsSender {
  if (env.SMS_PROVIDER_URL) return new HttpSmsSender(env.SMS_PROVIDER_URL, env.SMS_PROVIDER_TOKEN || undefined);
  if (env.SMS_PROVIDER === "log") return new LogSmsSender();
  return new LocalSmsSender(path.join(dataDir, "outbox.log"));
}
