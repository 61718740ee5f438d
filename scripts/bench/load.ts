/** A thin autocannon wrapper: one target, a fixed duration, and the few figures the benchmarks print. */
import autocannon from "autocannon";
import { cpuLine, quietly, scriptsPerResponse, startMonitor, type MonitorReport } from "./monitor";
import { fmt, ms, printTable } from "./report";

export type LoadTarget = {
  title: string;
  method?: "GET" | "POST";
  /** Fixed headers, or a function called for every request (e.g. a new X-Forwarded-For each time). */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** A fixed path, or a function called for every request (to rotate over parcel codes or accounts). */
  path: string | (() => string);
  body?: string | (() => string);
  /** The status every response must have; 2xx when unset. */
  expectStatus?: number;
};

export type LoadOptions = {
  connections: number;
  seconds: number;
  /** Requests per second over all connections; unset means as fast as the server answers. */
  overallRate?: number;
};

export type LoadResult = {
  title: string;
  responses: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** e.g. "429×12" when anything but 2xx came back, so a non-2xx count is never unexplained. */
  statusCodes: string;
  /** CPU and Redis counters over the measured run (absent when several runs overlapped). */
  monitor?: MonitorReport;
};

/** Cycles through `items` forever, so every request of a run hits the next code/account in turn. */
export function rotate<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error("rotate() needs at least one item");
  let next = 0;
  return () => {
    const item = items[next % items.length] as T;
    next += 1;
    return item;
  };
}

function request(target: LoadTarget): autocannon.Request {
  const { path, body, headers } = target;
  const dynamic = [path, body, headers].some((part) => typeof part === "function");
  const base: autocannon.Request = {
    method: target.method ?? "GET",
    headers: typeof headers === "function" ? headers() : (headers ?? {}),
    path: typeof path === "string" ? path : "/",
    body: typeof body === "string" ? body : undefined,
  };
  if (!dynamic) return base;
  // Called by autocannon before each request; it rebuilds the raw request from what this returns.
  const setupRequest = (current: autocannon.Request): autocannon.Request => ({
    ...current,
    path: typeof path === "function" ? path() : path,
    body: typeof body === "function" ? body() : body,
    headers: typeof headers === "function" ? headers() : current.headers,
  });
  return { ...base, setupRequest };
}

export async function runLoad(baseUrl: string, target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: baseUrl,
    title: target.title,
    connections: options.connections,
    duration: options.seconds,
    overallRate: options.overallRate,
    // autocannon 9 "corrects" rated runs with 1/rate as the interval in ms (≈1 ms), which floods the
    // histogram with synthetic samples; raw latencies are the honest figure for a paced run.
    ignoreCoordinatedOmission: options.overallRate !== undefined,
    requests: [request(target)],
    timeout: 30,
  });
  const responses = result["2xx"] + result.non2xx;
  const codes = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, stat]) => `${code}×${stat.count ?? 0}`);
  return {
    title: target.title,
    responses,
    // Completed responses over the measured wall time: the same figure for every target.
    rps: responses / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: codes.join(" ") || "-",
  };
}

/**
 * Runs `target` briefly first so JIT compilation, connection pools and caches are
 * warm, then measures; again if other processes disturbed the measurement.
 */
export function warmThenMeasure(
  server: { baseUrl: string; redisUrl: string },
  target: LoadTarget,
  options: LoadOptions & { warmupSeconds: number },
): Promise<LoadResult> {
  const attempt = async (): Promise<LoadResult> => {
    const warm = await runLoad(
      server.baseUrl,
      { ...target, title: `${target.title} (warm-up)` },
      {
        ...options,
        seconds: options.warmupSeconds,
      },
    );
    console.log(`  warm-up ${target.title}: ${fmt(warm.rps)} req/s over ${options.warmupSeconds} s (not counted)`);
    const monitor = await startMonitor(server.redisUrl);
    const result = await runLoad(server.baseUrl, target, options);
    return { ...result, monitor: await monitor.stop() };
  };
  return quietly(target.title, attempt, (result) => result.monitor?.othersPct ?? 0);
}

/** The figures of each run, then where the CPU went during each (Lua/resp = Redis scripts per response). */
export function printLoadTable(results: LoadResult[]): void {
  printTable(
    ["target", "req/s", "p50", "p99", "max", "responses", "non-2xx", "errors", "codes", "Lua/resp"],
    results.map((r) => [
      r.title,
      fmt(r.rps),
      ms(r.p50),
      ms(r.p99),
      ms(r.max),
      fmt(r.responses),
      fmt(r.non2xx),
      fmt(r.errors + r.timeouts),
      r.statusCodes,
      r.monitor ? fmt(scriptsPerResponse(r.monitor, r.responses), 2) : "-",
    ]),
  );
  const monitored = results.filter((r) => r.monitor);
  if (monitored.length) console.log("  CPU during each run (% of one core, 200% = both cores):");
  for (const r of monitored) if (r.monitor) console.log(`    ${r.title}: ${cpuLine(r.monitor)}`);
}

/** Says so when other work on the machine took a noticeable share of the CPU during a measured run. */
export function warnAboutOtherLoad(results: Pick<LoadResult, "title" | "monitor">[]): void {
  for (const r of results) {
    if (r.monitor && r.monitor.othersPct > 20) {
      console.log(`  WARNING: other processes used ${fmt(r.monitor.othersPct)}% CPU during "${r.title}"`);
    }
  }
}

/** A run with errors or unexpected statuses measured something else than intended: stop rather than print it. */
export function assertClean(result: LoadResult, { expectStatus }: { expectStatus?: number } = {}): void {
  if (result.responses === 0) throw new Error(`${result.title}: no response at all`);
  // Only 2xx, or (for a run meant to miss) every response with exactly that status.
  const unexpected = expectStatus ? result.statusCodes !== `${expectStatus}×${result.responses}` : result.non2xx > 0;
  if (unexpected || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${result.title}: ${result.non2xx} non-2xx (${result.statusCodes}), ${result.errors} errors, ` +
        `${result.timeouts} timeouts: the figures would not measure the intended path`,
    );
  }
}
