import { setPriority } from "node:os";

/** A nice value well below the event loop's (0), so it gets a core first whenever both want one. */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the calling worker thread's scheduling priority, for bulk work (a batch's rows), so
 * the event loop, serving everyone else's requests, is not slowed down by it on a busy
 * machine; it still gets every core nobody else wants.
 *
 * Linux only: there the nice value belongs to the thread (setpriority with pid 0 is the
 * calling thread). Elsewhere the same call would lower the whole server, so it is skipped.
 */
export function lowerThreadPriority(): void {
  if (process.platform !== "linux") return;
  try {
    setPriority(BACKGROUND_NICE);
  } catch {
    // Refused (a sandbox without setpriority): the thread runs at normal priority, as before.
  }
}
