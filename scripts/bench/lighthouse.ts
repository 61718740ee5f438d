/**
 * `npm run bench:lighthouse`: Lighthouse's mobile audit (its defaults: a mid-range phone on
 * simulated slow 4G with a 4× slower CPU) of every screen against the production build, as a
 * stranger and signed in as each demo role. Each screen is audited RUNS times (default 3) and the
 * run with the median performance score is reported. Targets: performance ≥ 95 and
 * accessibility 100 on every screen.
 *
 *   npm run bench:lighthouse                    every screen, 3 runs each
 *   LIGHTHOUSE_RUNS=1 npm run bench:lighthouse -- courier scan    only the screens named so
 *   LIGHTHOUSE_SAVE=/tmp/lh npm run bench:lighthouse             keeps each median report (LHR JSON)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Result } from "lighthouse";
import { runBench } from "./harness";
import { prepareScreens, type Screen } from "./lighthouse-screens";
import { fmt, ms, printSetup, printTable, section, type Check } from "./report";

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
// A folder to keep each screen's median report in (LHR JSON, for Lighthouse's viewer), if set.
const SAVE_DIR = process.env.LIGHTHOUSE_SAVE;
const PERFORMANCE_TARGET = 95;
const ACCESSIBILITY_TARGET = 100;

type Audit = { lhr: Result; performance: number; accessibility: number };

const score = (lhr: Result, category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
const metric = (lhr: Result, id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;

const AUDIT_SCRIPT = path.resolve("scripts/bench/lighthouse-audit.mjs");

// Lighthouse's own advice on a failed trace ("NO_NAVSTART" and the like) is to run it again.
const ATTEMPTS = 3;

/** One audit in a plain Node child (see lighthouse-audit.mjs for why not in this process). */
function runLighthouse(url: string, cookie: string | undefined): Result {
  const output = path.join(os.tmpdir(), `exqress-lighthouse-${process.pid}.json`);
  try {
    execFileSync(process.execPath, [AUDIT_SCRIPT, url, output, ...(cookie ? [cookie] : [])], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    return JSON.parse(fs.readFileSync(output, "utf8")) as Result;
  } finally {
    fs.rmSync(output, { force: true });
  }
}

function audit(url: string, screen: Screen): Audit {
  let lhr = runLighthouse(url, screen.cookie);
  for (let attempt = 1; lhr.runtimeError && attempt < ATTEMPTS; attempt++) lhr = runLighthouse(url, screen.cookie);
  if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.message}`);
  // A lost session lands on the login page, which would be audited in the screen's name.
  const landed = new URL(lhr.finalDisplayedUrl).pathname;
  if (landed !== new URL(url).pathname) throw new Error(`${screen.name} ended on ${landed}, not ${url}`);
  return { lhr, performance: score(lhr, "performance"), accessibility: score(lhr, "accessibility") };
}

/** The run with the median performance score, so its metrics belong together. */
function median(runs: Audit[]): Audit {
  const sorted = [...runs].sort((a, b) => a.performance - b.performance);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The audits that explain a missed target, so the table says where to look. */
function culprits(lhr: Result): string {
  const tasks = (lhr.audits["bootup-time"]?.details as { items?: { url: string; total: number }[] } | undefined)?.items;
  const top = (tasks ?? [])
    .slice(0, 3)
    .map((item) => `${item.url.replace(/^https?:\/\/[^/]+/, "")} ${ms(item.total)}`)
    .join(", ");
  const lcpElement = lhr.audits["largest-contentful-paint-element"]?.displayValue ?? "";
  return [`script time: ${top || "none"}`, lcpElement && `LCP element: ${lcpElement}`].filter(Boolean).join("; ");
}

runBench("bench:lighthouse", {}, async (server) => {
  const only = process.argv.slice(2);
  printSetup(server.embedded, [
    `Lighthouse ${RUNS}× per screen (mobile defaults: simulated slow 4G, 4× CPU slowdown), median by performance`,
    "other processes share these cores, so scores move a few points between runs",
  ]);
  section("fixtures");
  const screens = (await prepareScreens(server.baseUrl, server.databaseUrl)).filter(
    (screen) => only.length === 0 || only.some((name) => screen.name.startsWith(name)),
  );
  console.log(`  ${screens.length} screens, each signed-in one checked to open with its cookie`);
  const rows: string[][] = [];
  const checks: Check[] = [];
  for (const screen of screens) {
    const url = server.baseUrl + screen.path;
    const runs: Audit[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(audit(url, screen));
    const chosen = median(runs);
    const { lhr } = chosen;
    if (SAVE_DIR) {
      fs.mkdirSync(SAVE_DIR, { recursive: true });
      fs.writeFileSync(path.join(SAVE_DIR, `${screen.name.replace(/\W+/g, "-")}.json`), JSON.stringify(lhr));
    }
    rows.push([
      `${screen.name} ${screen.path.replace(/^\/p\/.+/, "/p/{code}")}`,
      String(chosen.performance),
      String(chosen.accessibility),
      ms(metric(lhr, "largest-contentful-paint")),
      ms(metric(lhr, "total-blocking-time")),
      fmt(metric(lhr, "cumulative-layout-shift"), 3),
      runs.map((run) => run.performance).join("/"),
    ]);
    const met = chosen.performance >= PERFORMANCE_TARGET && chosen.accessibility >= ACCESSIBILITY_TARGET;
    const detail = `performance ${chosen.performance}, accessibility ${chosen.accessibility}`;
    checks.push({ target: `${screen.name}`, met, detail: met ? detail : `${detail} (${culprits(lhr)})` });
  }
  section(`Lighthouse mobile, median of ${RUNS}`);
  printTable(["screen", "perf", "a11y", "LCP", "TBT", "CLS", "runs"], rows);
  console.log(`\n  target on every screen: performance ≥ ${PERFORMANCE_TARGET}, accessibility ${ACCESSIBILITY_TARGET}`);
  return checks;
});
