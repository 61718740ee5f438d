/** One answer a simulated client got: what it did, who it is, the status and how long it took. */
export type Sample = { action: string; client: string; honest: boolean; status: number; ms: number; at: number };

/** A stretch of time when a part of the cluster is down on purpose (5xx are expected inside it). */
export type Outage = { what: string; from: number; to: number };

/** Everything the day's clients saw, and when the faults were. */
export class Recorder {
  readonly samples: Sample[] = [];
  readonly outages: Outage[] = [];

  add(sample: Sample): void {
    this.samples.push(sample);
  }

  /** Runs `fault` and records its window: from its start until it resolves (recovery included). */
  async outage(what: string, fault: () => Promise<void>): Promise<void> {
    const from = Date.now();
    try {
      await fault();
    } finally {
      this.outages.push({ what, from, to: Date.now() });
    }
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
