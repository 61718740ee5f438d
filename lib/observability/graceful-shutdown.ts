import type { Server } from "node:http";
import { httpState, type HttpState } from "./http-observer";
import { logger } from "./logger";

export type ShutdownOptions = {
  /** How long readiness answers 503 while requests are still served, so balancers stop sending. */
  drainDelayMs: number;
  /** The longest in-flight requests may take to finish. */
  graceMs: number;
  /** Closes PostgreSQL and Redis once no request needs them. */
  closeDependencies: () => Promise<void>;
  exit?: (code: number) => void;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function idle(state: HttpState, graceMs: number): Promise<boolean> {
  if (state.inFlight === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (value: boolean) => {
      clearTimeout(timer);
      state.idle.delete(wake);
      resolve(value);
    };
    const wake = () => done(true);
    const timer = setTimeout(() => done(false), graceMs);
    state.idle.add(wake);
  });
}

function stopAccepting(servers: Set<Server>): void {
  for (const server of servers) {
    server.close();
    server.closeIdleConnections();
  }
}

/** Readiness' view: true from the first SIGTERM on. */
export function isDraining(): boolean {
  return httpState().draining;
}

/**
 * SIGTERM/SIGINT, in order: readiness turns 503 at once, requests keep being served for the
 * drain delay, then the server stops accepting, in-flight requests get up to `graceMs` to
 * finish, and only then PostgreSQL and Redis close. Needs NEXT_MANUAL_SIG_HANDLE=true, or
 * `next start`'s own handler closes the server and exits first.
 */
async function shutDown(options: ShutdownOptions): Promise<void> {
  const state = httpState();
  if (state.draining) return;
  state.draining = true;
  const log = logger();
  log.info({ drainDelayMs: options.drainDelayMs, inFlight: state.inFlight }, "shutdown: readiness now 503");
  await sleep(options.drainDelayMs);
  stopAccepting(state.servers);
  const finished = await idle(state, options.graceMs);
  log.info({ finished, inFlight: state.inFlight }, "shutdown: requests done, closing PostgreSQL and Redis");
  await options.closeDependencies().catch((error: unknown) => log.error({ err: error }, "shutdown: close failed"));
  log.flush();
  (options.exit ?? process.exit)(0);
}

export function handleShutdownSignals(options: ShutdownOptions): void {
  const marker = globalThis as unknown as { exqressShutdownHooked?: boolean };
  if (marker.exqressShutdownHooked || !process.env.NEXT_MANUAL_SIG_HANDLE) return;
  marker.exqressShutdownHooked = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void shutDown(options));
}
