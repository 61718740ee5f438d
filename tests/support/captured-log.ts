import { Writable } from "node:stream";
import type { Logger } from "pino";
import { createLogger } from "@/lib/observability/logger";

/** The app's logger (its redaction included) writing into memory: `entries()` are the JSON lines written so far. */
export function capturedLog(): { log: Logger; entries: () => Record<string, unknown>[]; text: () => string } {
  let written = "";
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((written += chunk.toString()), done()) });
  const log = createLogger(sink);
  const text = () => written;
  const entries = () =>
    written
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, entries, text };
}
