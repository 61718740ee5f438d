import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";

/** Sends one text message; throws when the message was not accepted. */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/**
 * No SMS provider configured (local use, tests): the message goes to the server
 * log and to an outbox file, where a developer or an end-to-end test reads the code.
 */
export class LocalSmsSender implements SmsSender {
  constructor(readonly outboxFile: string = path.join(".data", "outbox.log")) {}

  async send(phone: string, text: string): Promise<void> {
    // One message per line, whatever the text holds, so the outbox stays greppable.
    const line = `${new Date().toISOString()} ${phone} ${text.replace(/\s*[\r\n]+\s*/g, " ")}`;
    console.log(`[sms] ${line}`);
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

export function smsSenderFromEnv(
  env: { SMS_PROVIDER_URL?: string; SMS_PROVIDER_TOKEN?: string },
  dataDir: string,
): SmsSender {
  if (env.SMS_PROVIDER_URL) return new HttpSmsSender(env.SMS_PROVIDER_URL, env.SMS_PROVIDER_TOKEN || undefined);
  return new LocalSmsSender(path.join(dataDir, "outbox.log"));
}
