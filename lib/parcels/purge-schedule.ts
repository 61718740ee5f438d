/**
 * Runs the retention purge inside the server process: once shortly after
 * start, then every hour. Every server does this; the purge itself locks rows
 * with `skip locked`, so several servers share the work safely.
 *
 * Timers are unref'd so they never keep a process (a test, a build step) alive,
 * a tick that finds the previous run still going is skipped rather than
 * stacked, and a failed run is logged and retried at the next tick.
 */

/** The part of the pino logger the schedule uses. */
export type PurgeScheduleLog = { error: (details: { err: unknown }, message: string) => void };

export type PurgeScheduleOptions = {
  /** Delay before the first run, so it does not compete with start-up. */
  initialDelayMs?: number;
  intervalMs?: number;
};

const PURGE_INITIAL_DELAY_MS = 30_000;
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Starts the schedule; returns `stop`, which cancels future runs and resolves
 * once a run in progress (if any) has finished, for a graceful shutdown.
 */
export function startHourlyPurge(
  run: () => Promise<unknown>,
  log: PurgeScheduleLog,
  options: PurgeScheduleOptions = {},
): () => Promise<void> {
  const { initialDelayMs = PURGE_INITIAL_DELAY_MS, intervalMs = PURGE_INTERVAL_MS } = options;
  let running: Promise<void> | null = null;
  let stopped = false;

  const tick = () => {
    if (stopped || running) return;
    // Promise.resolve().then(run) also catches a run that throws synchronously.
    running = Promise.resolve()
      .then(run)
      .then(
        () => undefined,
        (error: unknown) => log.error({ err: error }, "Retention purge failed; retrying at the next hourly run."),
      )
      .finally(() => {
        running = null;
      });
  };

  const first = setTimeout(tick, initialDelayMs);
  first.unref();
  const every = setInterval(tick, intervalMs);
  every.unref();

  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(every);
    await running;
  };
}
