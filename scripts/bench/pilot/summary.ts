import { fmt, ms, printTable, section } from "../report";
import type { DayResult } from "./day";
import { percentile, type Recorder } from "./record";

export type ActionFigures = { action: string; answers: number; p50: number; p99: number; statuses: string };

export type Summary = {
  seconds: number;
  answers: number;
  appCpuSeconds: number;
  answersPerAppCpuSecond: number;
  actions: ActionFigures[];
  outages: { what: string; seconds: number }[];
};

/** Per action: how many answers, p50/p99 latency and the statuses seen; and answers per app CPU-second. */
export function summarize(recorder: Recorder, appCpuSeconds: number, seconds: number): Summary {
  const byAction = new Map<string, { ms: number[]; statuses: Map<number, number> }>();
  for (const sample of recorder.samples) {
    const entry = byAction.get(sample.action) ?? { ms: [], statuses: new Map<number, number>() };
    entry.ms.push(sample.ms);
    entry.statuses.set(sample.status, (entry.statuses.get(sample.status) ?? 0) + 1);
    byAction.set(sample.action, entry);
  }
  const actions = [...byAction].map(([action, { ms: times, statuses }]) => {
    const sorted = times.sort((a, b) => a - b);
    const seen = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
    return {
      action,
      answers: sorted.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      statuses: seen.join(" "),
    };
  });
  const answers = recorder.samples.filter((sample) => sample.status !== 0).length;
  return {
    seconds,
    answers,
    appCpuSeconds,
    answersPerAppCpuSecond: appCpuSeconds > 0 ? answers / appCpuSeconds : 0,
    actions: actions.sort((a, b) => a.action.localeCompare(b.action)),
    outages: recorder.outages.map((o) => ({ what: o.what, seconds: (o.to - o.from) / 1000 })),
  };
}

export function printLatencies(summary: Summary, day: DayResult, recorder: Recorder): void {
  section("the day, per action (through nginx, each client from its own address)");
  printTable(
    ["action", "answers", "p50", "p99", "statuses"],
    summary.actions.map((a) => [a.action, fmt(a.answers), ms(a.p50), ms(a.p99), a.statuses]),
  );
  section("couriers");
  for (const ledger of day.couriers.filter((l) => l.mode !== "online")) {
    console.log(
      `  ${ledger.name} (${ledger.mode}): ${ledger.acks.length} acknowledged, ${ledger.queued} queued offline, ` +
        `${ledger.unauthorized} × 401, ${ledger.relogins} login(s) again`,
    );
  }
  const online = day.couriers.filter((l) => l.mode === "online");
  console.log(`  ${online.length} online couriers: ${online.reduce((s, l) => s + l.acks.length, 0)} acknowledged`);
  section("outages");
  const start = recorder.samples[0]?.at ?? 0;
  for (const outage of recorder.outages) {
    console.log(
      `  ${outage.what}: from +${fmt((outage.from - start) / 1000, 1)} s for ${fmt((outage.to - outage.from) / 1000, 1)} s`,
    );
  }
  section("cost");
  console.log(
    `  ${fmt(summary.answers)} answers in ${fmt(summary.seconds, 1)} s; app replicas used ${fmt(summary.appCpuSeconds, 1)} CPU-s: ` +
      `${fmt(summary.answersPerAppCpuSecond)} answers per app CPU-second`,
  );
}
