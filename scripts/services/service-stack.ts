import type { ChildProcess } from "node:child_process";
import exitHook from "async-exit-hook";

type Stop = { name: string; stop: () => Promise<void> };

/**
 * The processes a launcher started, stopped in reverse order exactly once: the
 * app first (so it stops taking requests), then Redis, then PostgreSQL. Hooked to
 * SIGINT/SIGTERM/SIGHUP so Ctrl-C and `kill` leave no orphans behind.
 */
export class ServiceStack {
  private readonly stops: Stop[] = [];
  private stopping?: Promise<void>;

  constructor(private readonly log: (line: string) => void = console.log) {
    exitHook.forceExitTimeout(20_000);
    exitHook((done) => void this.stopAll().finally(done));
  }

  push(name: string, stop: () => Promise<void>): void {
    this.stops.push({ name, stop });
  }

  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const { name, stop } of [...this.stops].reverse()) {
        try {
          await stop();
        } catch (error) {
          this.log(`Could not stop ${name} cleanly: ${String(error)}`);
        }
      }
    })();
    return this.stopping;
  }
}

/** Asks a child to stop with SIGTERM, then kills it if it has not exited within `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
