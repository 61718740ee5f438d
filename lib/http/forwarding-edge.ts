import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { ServerResponse } from "node:http";
import type { Logger } from "pino";
import { logger } from "@/lib/observability/logger";
import { isTrustedProxy, normalizeIp } from "./client-address";
import { refuseUnservable } from "./request-guard";

/**
 * The one place where a request's forwarding headers are decided, before Next.js (or anything
 * else in the process) reads them.
 *
 * Why: under `next start` a route handler never sees the socket. Next.js's base-server.js does
 * `req.headers['x-forwarded-for'] ??= socket.remoteAddress`, i.e. it only fills the header when
 * the client sent none, and keeps a client's X-Forwarded-Host / -Proto / -Port the same way; its
 * server-action CSRF check also trusts X-Forwarded-Host. So a client could name any address
 * and any host. This edge rewrites them as a proxy that appends would:
 * - from a peer in TRUSTED_PROXIES: X-Forwarded-For keeps the proxy's chain with the peer
 *   appended; the proxy's X-Forwarded-Host / -Proto / -Port are kept;
 * - from any other peer: X-Forwarded-For is the peer's address alone, and the other forwarding
 *   headers are dropped (Next.js then fills them from Host and the socket).
 * So the last X-Forwarded-For entry is always the socket's peer (see request-meta.ts). The first
 * client-address header from a peer that is not trusted is logged once: it usually means a
 * proxy missing from TRUSTED_PROXIES, behind which every client counts as one.
 */
const FROM_PROXY_ONLY = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"];

const CLIENT_ADDRESS_HEADERS = ["x-forwarded-for", "x-real-ip", "forwarded"];
// Once per logger, and logger() is one per process: a misconfigured proxy sends them on every request.
const warned = new WeakSet<Pick<Logger, "warn">>();

function warnOnceOfUntrustedProxy(req: IncomingMessage, log: Pick<Logger, "warn">): void {
  if (warned.has(log) || !CLIENT_ADDRESS_HEADERS.some((name) => req.headers[name] !== undefined)) return;
  warned.add(log);
  // Without the peer's address: it may be a client's own, and the log holds no personal data.
  log.warn(
    "A peer not in TRUSTED_PROXIES sent X-Forwarded-For, X-Real-IP or Forwarded; they are ignored, so every " +
      "client behind that proxy shares its per-IP limits. Set TRUSTED_PROXIES to the proxy's address or range.",
  );
}

export function normalizeForwarding(
  req: IncomingMessage,
  trusted: readonly string[],
  log: Pick<Logger, "warn"> = logger(),
): void {
  const peer = normalizeIp(req.socket.remoteAddress);
  const fromProxy = isTrustedProxy(peer, trusted);
  if (!fromProxy) {
    warnOnceOfUntrustedProxy(req, log);
    for (const name of FROM_PROXY_ONLY) delete req.headers[name];
  }
  const prior = fromProxy ? [req.headers["x-forwarded-for"]].flat().filter(Boolean).join(", ") : "";
  if (peer === null) delete req.headers["x-forwarded-for"];
  else req.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
}

const INSTALLED = Symbol.for("exqress.forwardingEdge");
type Emitting = { emit(event: string | symbol, ...args: unknown[]): boolean; [INSTALLED]?: true };

/**
 * Runs `normalizeForwarding` on every request of every HTTP(S) server in this process, as the
 * server hands it to its listener (Next.js's own server included), and answers the requests
 * Next.js would fail on with a 500 (request-guard.ts). Called once from instrumentation.ts;
 * `trusted` is read per request so tests can change it.
 */
export function installForwardingEdge(trusted: () => readonly string[]): void {
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as Emitting[]) {
    if (proto[INSTALLED]) continue;
    const emit = proto.emit;
    proto.emit = function (this: unknown, event, ...args) {
      if (event === "request") {
        const [req, res] = args as [IncomingMessage, ServerResponse];
        normalizeForwarding(req, trusted());
        if (refuseUnservable(req, res)) return true;
      }
      return emit.call(this, event, ...args);
    };
    proto[INSTALLED] = true;
  }
}
