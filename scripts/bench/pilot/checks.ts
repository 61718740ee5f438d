import { asc, eq, inArray } from "drizzle-orm";
import { parcelEvents, parcels } from "@/db/schema";
import type { Check } from "../report";
import type { DayResult } from "./day";
import type { Backoffice } from "./people";
import type { Recorder, Sample } from "./record";
import { findPersonalData, type World } from "./world";

/** How far around an outage window a 5xx still counts as the outage's (detection, retries in flight). */
const OUTAGE_GRACE_MS = 3_000;

const count = (samples: Sample[], test: (sample: Sample) => boolean) => samples.filter(test).length;
const multiset = (items: string[]) => items.sort().join(",");

/**
 * No acknowledged status update lost or doubled: per parcel, the events stored are exactly the
 * 201s the couriers got (as multisets of statuses). Also, per parcel, stored events run in
 * device-time order, which the offline queues and the ended session must keep.
 */
export async function eventChecks(office: Backoffice, day: DayResult): Promise<Check[]> {
  const rows = await office.db
    .select({ code: parcels.code, status: parcelEvents.status, at: parcelEvents.occurredAt })
    .from(parcelEvents)
    .innerJoin(parcels, eq(parcels.id, parcelEvents.parcelId))
    .where(inArray(parcels.code, day.codes))
    .orderBy(asc(parcelEvents.id));
  const stored = new Map<string, string[]>();
  const outOfOrder = new Set<string>();
  const lastAt = new Map<string, number>();
  for (const row of rows) {
    stored.set(row.code, [...(stored.get(row.code) ?? []), row.status]);
    if ((lastAt.get(row.code) ?? 0) > row.at.getTime()) outOfOrder.add(row.code);
    lastAt.set(row.code, row.at.getTime());
  }
  const acked = new Map<string, string[]>();
  for (const ack of day.couriers.flatMap((ledger) => ledger.acks)) {
    acked.set(ack.code, [...(acked.get(ack.code) ?? []), ack.status]);
  }
  const differing = day.codes.filter((code) => multiset(stored.get(code) ?? []) !== multiset(acked.get(code) ?? []));
  const lost = day.couriers.flatMap((ledger) => ledger.lost);
  const ended = day.couriers.find((ledger) => ledger.mode === "session-ends");
  const queued = day.couriers.reduce((sum, ledger) => sum + ledger.queued, 0);
  return [
    {
      target: "no acknowledged status update lost or doubled (stored events = 201 answers, per parcel)",
      met: differing.length === 0 && rows.length > 0,
      detail: `${rows.length} stored, ${[...acked.values()].flat().length} acknowledged; ${differing.length} parcels differ${differing.length ? ` (e.g. ${differing[0]}: stored ${stored.get(differing[0]!)}, acked ${acked.get(differing[0]!)})` : ""}`,
    },
    {
      target: "every tap acknowledged in the end (none refused, none given up)",
      met: lost.length === 0 && rows.length === day.codes.length * 4,
      detail: lost.length
        ? `${lost.length} not acknowledged, e.g. ${JSON.stringify(lost[0])}`
        : `${day.codes.length * 4} taps`,
    },
    {
      target: "each parcel's events stored in device-time order (offline queues sent oldest first)",
      met: outOfOrder.size === 0 && queued > 0,
      detail: `${queued} taps queued offline and sent later; ${outOfOrder.size} parcels out of order`,
    },
    {
      target: "the ended session: 401, a new login, the rest of the queue sent once",
      met: (ended?.unauthorized ?? 0) >= 1 && (ended?.relogins ?? 0) >= 1,
      detail: ended
        ? `${ended.name}: ${ended.unauthorized} × 401, ${ended.relogins} login(s) again`
        : "no such courier",
    },
  ];
}

/** Whether a request was in flight during an outage window (± grace): from when it was sent until it was answered. */
const inOutage = (recorder: Recorder, sample: Sample) =>
  recorder.outages.some(
    (outage) => sample.at >= outage.from - OUTAGE_GRACE_MS && sample.at - sample.ms <= outage.to + OUTAGE_GRACE_MS,
  );

/**
 * The failures outside the windows grouped by status and nearest outage, with how long after it
 * they came: "503 after postgres: 90 (3.1–9.8 s)", so a slow recovery shows as one line.
 */
function failureGroups(recorder: Recorder, failed: Sample[]): string {
  const groups = new Map<string, number[]>();
  for (const sample of failed) {
    const ends = recorder.outages.map((o) => ({ what: o.what, after: sample.at - o.to }));
    const nearest = ends.filter((o) => o.after > 0).sort((a, b) => a.after - b.after)[0];
    const key = `${sample.status} ${nearest ? `after ${nearest.what}` : "before any outage"}`;
    groups.set(key, [...(groups.get(key) ?? []), nearest ? nearest.after / 1000 : 0]);
  }
  return [...groups]
    .sort(([, a], [, b]) => b.length - a.length)
    .map(
      ([key, after]) => `${key}: ${after.length} (${Math.min(...after).toFixed(1)}–${Math.max(...after).toFixed(1)} s)`,
    )
    .join("; ");
}

/** 5xx (and no answer at all) only inside outage windows; 429 only for the abuser. */
export function answerChecks(recorder: Recorder): Check[] {
  const { samples } = recorder;
  const failed = samples.filter((s) => (s.status === 0 || s.status >= 500) && !inOutage(recorder, s));
  const during = count(samples, (s) => (s.status === 0 || s.status >= 500) && inOutage(recorder, s));
  const honest429 = samples.filter((s) => s.honest && s.status === 429);
  const abuser = samples.filter((s) => !s.honest);
  const codes429 = count(abuser, (s) => s.status === 429 && s.action === "abuser: guess code");
  const logins429 = count(abuser, (s) => s.status === 429 && s.action === "abuser: guess password");
  const example = (list: Sample[]) => (list[0] ? `, e.g. ${list[0].client} ${list[0].action} → ${list[0].status}` : "");
  return [
    {
      target: "no 5xx or unanswered request outside the outage windows (±3 s)",
      met: failed.length === 0,
      detail:
        `${failed.length} outside${failed.length ? ` [${failureGroups(recorder, failed)}]` : ""}; ` +
        `${during} inside ${recorder.outages.length} window(s)`,
    },
    {
      target: "no honest client ever answered 429",
      met: honest429.length === 0,
      detail: `${honest429.length} of ${count(samples, (s) => s.honest)}${example(honest429)}`,
    },
    {
      target: "the abuser throttled (429 to code guesses and to password guesses)",
      met: codes429 > 0 && logins429 > 0,
      detail: `${codes429} code guesses and ${logins429} password guesses answered 429, of ${abuser.length}`,
    },
  ];
}

/** No generated name, phone or address in what the replicas wrote, nginx logged or /api/metrics showed. */
export function privacyCheck(world: World, captured: { label: string; text: string }[]): Check {
  const findings = captured.flatMap(({ label, text }) =>
    findPersonalData(world, text).map((hit) => `${label}: ${hit}`),
  );
  const lines = captured.reduce((sum, { text }) => sum + text.split("\n").length, 0);
  const sizes = captured.map(({ label, text }) => `${label} ${Math.round(text.length / 1024)} KiB`).join(", ");
  return {
    target: "no personal data in the logs and metrics captured",
    // An empty capture would pass vacuously: each source must have said something.
    met: findings.length === 0 && captured.every(({ text }) => text.length > 0),
    detail: findings.length ? findings.slice(0, 5).join("; ") : `${lines} lines searched (${sizes})`,
  };
}
