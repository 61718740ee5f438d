/**
 * What else happened on the machine while a figure was measured. On a shared
 * 2-core box another build can halve a throughput figure, so every run records
 * the CPU of this benchmark's own processes, by kind (the app, PostgreSQL, Redis,
 * the load generator), and of everything else; and, from Redis's own command
 * counters, how many Lua scripts (the rate limiters) ran per response.
 */
import fs from "node:fs";
import os from "node:os";
import { connectRedis } from "@/lib/redis/client";

const CORES = os.cpus().length;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux, the unit of /proc/stat and /proc/<pid>/stat
const GROUPS = ["app", "pg", "redis", "bench"] as const;
type Group = (typeof GROUPS)[number] | "launcher";
type CpuSample = { machineBusy: number; ours: Map<Group, number> };

export type MonitorReport = {
  /** Percent of one core, like `top`: 200% is both cores of a 2-core machine. */
  oursPct: number;
  byGroupPct: Map<Group, number>;
  othersPct: number;
  /** Redis commands run during the interval, by name (e.g. evalsha). Counts every client of that Redis. */
  redisCalls: Map<string, number>;
};

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function machineBusyTicks(): number {
  const fields = (fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return user + nice + system + irq + softirq + steal;
}

function groupOf(pid: number, comm: string): Group {
  if (pid === process.pid) return "bench"; // autocannon and the fixtures run in this process
  if (comm.startsWith("next-server")) return "app"; // next start and next dev both name their process so
  if (comm.startsWith("postgres")) return "pg";
  if (comm.startsWith("redis-server")) return "redis";
  return "launcher"; // npm, tsx and the launcher itself: idle while measuring
}

type OurProcess = { pid: number; comm: string; ticks: number };

/** This process and all its live descendants, with their CPU time (utime + stime). */
function ourProcesses(): OurProcess[] {
  const procs = new Map<number, { ppid: number; comm: string; ticks: number }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces and parentheses: the fields after its closing parenthesis are fixed.
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      procs.set(Number(entry), { ppid: Number(rest[1]), comm, ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // the process ended while we looked
    }
  }
  const ours = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, info] of procs) {
      if (!ours.has(pid) && ours.has(info.ppid)) {
        ours.add(pid);
        grew = true;
      }
    }
  }
  return [...ours].flatMap((pid) => {
    const info = procs.get(pid);
    return info ? [{ pid, comm: info.comm, ticks: info.ticks }] : [];
  });
}

function ourTicks(): Map<Group, number> {
  const ticks = new Map<Group, number>();
  for (const { pid, comm, ticks: used } of ourProcesses()) {
    const group = groupOf(pid, comm);
    ticks.set(group, (ticks.get(group) ?? 0) + used);
  }
  return ticks;
}

/** Threads of each app server process (Node's own, libuv's pool, worker threads), from /proc. */
export function appThreadCounts(): number[] {
  return ourProcesses()
    .filter(({ pid, comm }) => groupOf(pid, comm) === "app")
    .map(({ pid }) => Number(/^Threads:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0));
}

const cpuSample = (): CpuSample => ({ machineBusy: machineBusyTicks(), ours: ourTicks() });

function cpuSince(before: CpuSample, seconds: number) {
  const after = cpuSample();
  const toPct = (ticks: number) => (ticks / TICKS_PER_SECOND / seconds) * 100;
  const byGroupPct = new Map<Group, number>();
  for (const [group, ticks] of after.ours) byGroupPct.set(group, toPct(ticks - (before.ours.get(group) ?? 0)));
  const oursPct = [...byGroupPct.values()].reduce((sum, value) => sum + value, 0);
  // Our processes that ended during the interval count as others; they are few and short-lived.
  const othersPct = Math.max(0, toPct(after.machineBusy - before.machineBusy) - oursPct);
  return { oursPct, byGroupPct, othersPct };
}

async function redisCommandCalls(redisUrl: string): Promise<Map<string, number>> {
  const redis = connectRedis(redisUrl);
  try {
    const info = await redis.info("commandstats");
    const calls = new Map<string, number>();
    for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1] ?? "", Number(match[2]));
    return calls;
  } finally {
    redis.disconnect();
  }
}

/** Starts counting; `stop()` returns what happened since. */
export async function startMonitor(redisUrl: string): Promise<{ stop: () => Promise<MonitorReport> }> {
  const redisBefore = await redisCommandCalls(redisUrl);
  const cpuBefore = cpuSample();
  const started = performance.now();
  return {
    stop: async () => {
      const cpu = cpuSince(cpuBefore, (performance.now() - started) / 1000);
      const redisAfter = await redisCommandCalls(redisUrl);
      const redisCalls = new Map<string, number>();
      for (const [name, calls] of redisAfter) redisCalls.set(name, calls - (redisBefore.get(name) ?? 0));
      return { ...cpu, redisCalls };
    },
  };
}

/** e.g. "app 120%, pg 35%, redis 4%, bench 30% | others 5%". */
export function cpuLine(report: Pick<MonitorReport, "byGroupPct" | "othersPct">): string {
  const ours = GROUPS.map((group) => `${group} ${Math.round(report.byGroupPct.get(group) ?? 0)}%`).join(", ");
  return `${ours} | others ${Math.round(report.othersPct)}%`;
}

/** Rate-limit (and other Lua) scripts run, over the responses served. */
export function scriptsPerResponse(report: MonitorReport, responses: number): number {
  const scripts = (report.redisCalls.get("evalsha") ?? 0) + (report.redisCalls.get("eval") ?? 0);
  return responses > 0 ? scripts / responses : 0;
}

/**
 * Waits (up to `maxSeconds`, BENCH_QUIET_WAIT to change) until other processes use
 * under 15% of a core, so a build someone else started does not land in the figures.
 * Measures anyway after that, with a warning; every run's CPU line still shows it.
 */
export async function waitForQuiet(maxSeconds = Number(process.env.BENCH_QUIET_WAIT ?? 180)): Promise<void> {
  const started = Date.now();
  let lastSaid = -Infinity;
  for (;;) {
    const before = cpuSample();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const others = Math.round(cpuSince(before, 3).othersPct);
    if (others < 15) return console.log(`[bench] the machine is quiet (other processes: ${others}% CPU)`);
    if (Date.now() - started >= maxSeconds * 1000) {
      return console.log(`[bench] WARNING: other processes still use ${others}% CPU; measuring anyway`);
    }
    if (Date.now() - lastSaid >= 30_000) {
      console.log(`[bench] waiting for other processes to calm down (${others}% CPU of ${CORES * 100}%)`);
      lastSaid = Date.now();
    }
  }
}

const NOISY_PCT = 20;
const ATTEMPTS = 2;
const RETRY_WAIT_SECONDS = 90;

/**
 * Runs a measurement once more when other processes took over 20% of a core during
 * it (after waiting a bounded time for the machine to calm down), and keeps the
 * quieter attempt: someone else's build must not pass for our figure.
 */
export async function quietly<T>(
  title: string,
  measure: () => Promise<T>,
  othersPct: (result: T) => number,
): Promise<T> {
  let best = await measure();
  for (let attempt = 2; attempt <= ATTEMPTS && othersPct(best) > NOISY_PCT; attempt++) {
    console.log(`  other processes took ${Math.round(othersPct(best))}% CPU during ${title}: measuring it again`);
    await waitForQuiet(RETRY_WAIT_SECONDS);
    const again = await measure();
    if (othersPct(again) < othersPct(best)) best = again;
  }
  return best;
}
