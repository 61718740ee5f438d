import http from "node:http";
import type { AddressInfo } from "node:net";

/** One POST a push service got: its headers and raw body. */
export type ReceivedPush = { path: string; headers: http.IncomingHttpHeaders; body: Buffer };

/**
 * A stand-in push service on 127.0.0.1: records every request and answers each with `status`
 * (201, as FCM and Mozilla do, until a test says otherwise). `next()` resolves with the next one.
 */
export async function startPushReceiver() {
  const received: ReceivedPush[] = [];
  const waiting: ((push: ReceivedPush) => void)[] = [];
  let status = 201;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const push = { path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks) };
      response.writeHead(status).end();
      const waiter = waiting.shift();
      if (waiter) waiter(push);
      else received.push(push);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    endpoint: (path: string) => `http://127.0.0.1:${port}/push/${path}`,
    answer: (next: number) => void (status = next),
    next: () =>
      new Promise<ReceivedPush>((resolve) => {
        const early = received.shift();
        if (early) resolve(early);
        else waiting.push(resolve);
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
