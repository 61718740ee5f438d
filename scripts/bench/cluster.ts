/**
 * `npm run bench:cluster`: one replica versus two behind nginx, in the same run, for the
 * stranger's page and the API lookup: throughput and p99 through the TLS edge, and answers
 * per CPU-second of the app processes (utime + stime from /proc/<pid>/stat). On 2 cores
 * shared by the load generator, nginx, PostgreSQL, Redis and the replicas, total throughput
 * cannot double; answers per app CPU-second staying within 10% shows nothing shared holds
 * the second replica back.
 */
import { startCluster } from "../services/cluster";
import { startNginx, type RunningNginx } from "../services/nginx";
import { createOtherCarrierKey, registerParcels } from "./fixtures";
import { runBench } from "./harness";
import { rotate, runLoad, type LoadResult, type LoadTarget } from "./load";
import { cpuSeconds } from "./monitor";
import { fmt, ms, pct, printTable, section, type Check } from "./report";

const PARCELS = 2_000;
const CONNECTIONS = 16;
const WARMUP_SECONDS = 3;
const MEASURE_SECONDS = 10;

type Row = LoadResult & { replicas: number; cpu: number; perCpuSecond: number };

async function measure(edge: RunningNginx, pids: number[], target: LoadTarget, replicas: number): Promise<Row> {
  await runLoad(edge.url, target, { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
  const before = pids.map(cpuSeconds);
  const result = await runLoad(edge.url, target, { connections: CONNECTIONS, seconds: MEASURE_SECONDS });
  const cpu = pids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - before[i]!, 0);
  const answered = result.responses - result.non2xx;
  return { ...result, replicas, cpu, perCpuSecond: answered / cpu };
}

runBench("bench:cluster", { RESOLVE_LIMIT_PER_HOUR: "1000000000" }, async (server) => {
  section("fixtures");
  const codes = await registerParcels(server.baseUrl, PARCELS);
  const strangerKey = await createOtherCarrierKey(server.databaseUrl);
  console.log(`  ${fmt(codes.length)} parcels; lookups as another carrier's key and as an anonymous page visitor`);
  const cluster = await startCluster(server.env, { count: 2, capture: true });
  const [a, b] = cluster.replicas as [(typeof cluster.replicas)[0], (typeof cluster.replicas)[0]];
  const oneEdge = await startNginx([`127.0.0.1:${a.port}`]);
  try {
    const targets: LoadTarget[] = [
      {
        title: "API lookup",
        path: (() => {
          const next = rotate(codes);
          return () => `/api/v1/parcels/${next()}`;
        })(),
        headers: { authorization: `Bearer ${strangerKey}` },
      },
      {
        title: "stranger's page",
        path: (() => {
          const next = rotate(codes);
          return () => `/p/${next()}`;
        })(),
      },
    ];
    const rows: Row[] = [];
    for (const target of targets) {
      section(target.title);
      rows.push(await measure(oneEdge, [a.child.pid!], target, 1));
      rows.push(await measure(cluster.nginx, [a.child.pid!, b.child.pid!], target, 2));
    }
    printTable(
      ["target", "replicas", "req/s", "p50", "p99", "non-2xx", "app CPU s", "answers/CPU-s"],
      rows.map((row) => [
        row.title,
        String(row.replicas),
        fmt(row.rps),
        ms(row.p50),
        ms(row.p99),
        `${row.non2xx} ${row.statusCodes}`,
        fmt(row.cpu, 1),
        fmt(row.perCpuSecond),
      ]),
    );
    const checks: Check[] = [];
    for (const target of targets) {
      const [one, two] = rows.filter((row) => row.title === target.title) as [Row, Row];
      const ratio = two.perCpuSecond / one.perCpuSecond;
      console.log(
        `  ${target.title}: throughput ×${fmt(two.rps / one.rps, 2)}, answers per app CPU-second ${pct(ratio)} of one replica's`,
      );
      checks.push({
        target: `${target.title}: answers per app CPU-second with two replicas within 10% of one`,
        met: ratio >= 0.9 && one.non2xx === 0 && two.non2xx === 0,
        detail: `${fmt(two.perCpuSecond)} vs ${fmt(one.perCpuSecond)} (${pct(ratio)})`,
      });
    }
    return checks;
  } finally {
    await oneEdge.stop();
    await cluster.stop();
  }
});
