import pino, { type DestinationStream, type Logger } from "pino";

// Keys whose values are personal data or secrets, wherever they appear up to three levels deep.
const SECRET_KEYS = [
  "name",
  "phone",
  "address",
  "email",
  "identifier",
  "code",
  "password",
  "token",
  "secret",
  "cookie",
  "authorization",
  "set-cookie",
  "x-api-key",
  "recipient",
];

export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => {
  const at = /^[a-z]+$/.test(key) ? `.${key}` : `["${key}"]`;
  return [...(at.startsWith(".") ? [key] : []), `*${at}`, `*.*${at}`];
});

/** The process's logger, or (for a test that reads what is written) one writing to `destination`. */
export function createLogger(destination?: DestinationStream): Logger {
  const options = {
    level: process.env.LOG_LEVEL ?? "info",
    base: { pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
  if (destination) return pino(options, destination);
  if (process.env.NODE_ENV !== "development") return pino(options);
  // Development only, so production images need no pretty-printer: a stream in this thread,
  // not a transport, because a transport's worker thread cannot be found inside the bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pretty = require("pino-pretty") as typeof import("pino-pretty");
  return pino(options, pretty({ colorize: true, translateTime: "SYS:HH:MM:ss.l" }));
}

// One logger per process, shared by the separately bundled instrumentation and routes.
const cache = globalThis as unknown as { exqressLogger?: Logger };

export function logger(): Logger {
  cache.exqressLogger ??= createLogger();
  return cache.exqressLogger;
}
