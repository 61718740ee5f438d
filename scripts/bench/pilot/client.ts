import https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import type { Recorder } from "./record";

/** The TLS edge every simulated client talks to (nginx on loopback, its self-signed certificate). */
export type Edge = { url: string; ca: string };
export type Answer = { status: number; headers: IncomingHttpHeaders; text: string };
type Init = { body?: string | Buffer; headers?: Record<string, string> };

const TIMEOUT_MS = 30_000;

/**
 * Client number `n` (from 0) → its own loopback address, 127.0.0.2 upwards (the whole of
 * 127.0.0.0/8 is loopback on Linux), skipping the .0 and .255 ends of each /24.
 */
export function loopbackAddress(n: number): string {
  const i = n + 1;
  const upper = Math.floor(i / 254);
  return `127.${(upper >> 8) & 255}.${upper & 255}.${(i % 254) + 1}`;
}

/**
 * One simulated person or program: its own source address, its own connections, its own
 * cookies. Every answer (a network error is status 0) is recorded under an action name.
 */
export class PilotClient {
  private readonly agent: https.Agent;
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly address: string,
    private readonly edge: Edge,
    private readonly recorder: Recorder,
    readonly honest = true,
  ) {
    this.agent = new https.Agent({ ca: edge.ca, keepAlive: true, maxSockets: 4, localAddress: address });
  }

  get origin(): string {
    return this.edge.url;
  }

  dropCookies(): void {
    this.cookies.clear();
  }

  async send(action: string, method: string, path: string, init: Init = {}): Promise<Answer> {
    const started = performance.now();
    const answer = await this.raw(method, path, init).catch((): Answer => ({ status: 0, headers: {}, text: "" }));
    this.recorder.add({
      action,
      client: this.name,
      honest: this.honest,
      status: answer.status,
      ms: performance.now() - started,
      at: Date.now(),
    });
    for (const line of answer.headers["set-cookie"] ?? []) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      if (at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return answer;
  }

  json(action: string, method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
    return this.send(action, method, path, {
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers },
    });
  }

  private raw(method: string, path: string, init: Init): Promise<Answer> {
    const headers: Record<string, string> = { "user-agent": "exqress-pilot", ...init.headers };
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (cookie) headers.cookie = cookie;
    return new Promise((resolve, reject) => {
      const request = https.request(
        `${this.edge.url}${path}`,
        { agent: this.agent, method, headers, localAddress: this.address, timeout: TIMEOUT_MS },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              text: Buffer.concat(chunks).toString("utf8"),
            }),
          );
          response.on("error", reject);
        },
      );
      request.on("timeout", () => request.destroy(new Error("timed out")));
      request.on("error", reject);
      request.end(init.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Network errors, 5xx and 429 are worth another try later; anything else is the answer. */
const retriable = (status: number) => status === 0 || status === 429 || status >= 500;

/**
 * Sends until the answer is not retriable or `attempts` ran out, waiting a little longer each
 * time (as the courier's outbox does): rides out a replica, Redis or PostgreSQL restart.
 */
export async function withRetries(send: () => Promise<Answer>, attempts = 60): Promise<Answer> {
  let answer = await send();
  for (let attempt = 1; attempt < attempts && retriable(answer.status); attempt++) {
    await sleep(Math.min(2_000, 100 * attempt));
    answer = await send();
  }
  return answer;
}
