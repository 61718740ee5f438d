import "server-only";
import type { Sql } from "postgres";
import { sequenceAuditLog } from "./sequencer";

const EVERY_MS = 1_000;

/** The part of the pino logger the schedule uses. */
type SequencerLog = { error: (details: { err: unknown }, message: string) => void };

/**
 * Runs the audit sequencer every second in this server process. Every server does: the
 * carrier's advisory lock lets one link a carrier's rows at a time, and the others skip it. The
 * timer is unref'd so it never keeps a process alive, a tick that finds the previous run still
 * going is skipped, and a failed run is logged and retried at the next tick.
 */
export function startAuditSequencer(sql: Sql, log: SequencerLog): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sequenceAuditLog(sql)
      .catch((error: unknown) => log.error({ err: error }, "Audit sequencing failed; retrying in a second."))
      .finally(() => {
        running = false;
      });
  }, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
