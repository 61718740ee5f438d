import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/webhooks/route";
import { DELETE as deleteRoute } from "@/app/api/v1/webhooks/[id]/route";
import { randomIp } from "./fixtures";

export type Received = { headers: IncomingHttpHeaders; body: string };

/**
 * A carrier's receiver on 127.0.0.1: records every POST and answers the next status of `answers`
 * (200 once they run out).
 */
export async function startReceiver(answers: number[] = []) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(answers.shift() ?? 200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `done()` holds, checking every 50 ms (up to 20 s: the test's own timeout ends it sooner). */
export async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 400; tries += 1) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("condition not reached");
}

function request(method: string, path: string, who: { key?: string; cookie?: string }, body?: unknown) {
  const headers = new Headers({ "x-forwarded-for": randomIp() });
  if (who.key) headers.set("authorization", `Bearer ${who.key}`);
  if (who.cookie) headers.set("cookie", who.cookie);
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(`http://localhost${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The webhook routes, called the way Next.js calls them. */
export const webhookApi = {
  create: (who: { key?: string }, body: unknown) => createRoute(request("POST", "/api/v1/webhooks", who, body)),
  list: (who: { key?: string; cookie?: string }) => listRoute(request("GET", "/api/v1/webhooks", who)),
  remove: (who: { key?: string }, id: string) =>
    deleteRoute(request("DELETE", `/api/v1/webhooks/${id}`, who), { params: Promise.resolve({ id }) }),
};

/** Sets WEBHOOK_ALLOW_PRIVATE for what follows (the configuration is read once and cached, so the cache goes). */
export function setAllowPrivate(value: boolean): void {
  process.env.WEBHOOK_ALLOW_PRIVATE = String(value);
  (globalThis as { exqressEnv?: unknown }).exqressEnv = undefined;
}
