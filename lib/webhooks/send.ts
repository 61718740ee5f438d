import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";

export type SendOutcome = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

/** The one address a delivery may connect to: DNS is not asked again between the check and the connection. */
function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/**
 * POSTs `body` to `url`, connected to `address` (checked by target.ts) whatever the name resolves
 * to now; TLS still verifies the certificate against the URL's host name. Redirects are not
 * followed (a 3xx is a failure), nothing of the answer but its status is read, and the whole
 * exchange gives up after `timeoutMs`.
 */
export function postPinned(
  target: { url: URL; address: string; family: 4 | 6 },
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<SendOutcome> {
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(target.url, {
      method: "POST",
      agent: false,
      lookup: pinnedLookup(target.address, target.family),
      headers: { ...headers, "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) },
      signal: AbortSignal.timeout(timeoutMs),
    });
    request.on("response", (response) => {
      const statusCode = response.statusCode ?? 0;
      response.destroy();
      resolve(
        statusCode >= 200 && statusCode < 300
          ? { ok: true, statusCode }
          : { ok: false, statusCode, error: `HTTP ${statusCode}` },
      );
    });
    request.on("error", (error) => {
      const code = (error as { code?: unknown }).code;
      const reason = error.name === "AbortError" ? "timed out" : typeof code === "string" ? code : "connection failed";
      resolve({ ok: false, statusCode: null, error: reason });
    });
    request.end(body);
  });
}
