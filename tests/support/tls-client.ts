import https from "node:https";

export type TlsAnswer = { status: number; headers: Record<string, string | string[] | undefined>; text: string };
export type TlsClient = (
  path: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<TlsAnswer>;

/**
 * HTTPS to a local edge whose self-signed certificate `ca` is, verified against it (never skipped).
 * `localAddress` (127.0.0.2, 127.0.0.3, …: all of 127/8 is this machine) makes it another client.
 */
export function tlsClient(origin: string, ca: string, localAddress?: string): TlsClient {
  const agent = new https.Agent({ ca, keepAlive: true, maxSockets: 64 });
  return (path, init = {}) =>
    new Promise((resolve, reject) => {
      const request = https.request(
        `${origin}${path}`,
        { agent, localAddress, method: init.method ?? "GET", headers: init.headers },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(init.body);
    });
}
