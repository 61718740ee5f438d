import type { LaunchedCluster } from "@/scripts/services/cluster-launch";
import { cpuSeconds } from "../monitor";
import { sleep } from "./client";
import type { Recorder } from "./record";

export const FAULTS = ["replica", "redis", "postgres"] as const;
export type Fault = (typeof FAULTS)[number];

const REDIS_DOWN_MS = 2_000;
const POSTGRES_DOWN_MS = 3_000;
const READY_TIMEOUT_MS = 120_000;

/**
 * CPU seconds of every app replica process the day had, the killed one included (its time is
 * read just before the kill), from the moment `start()` is called.
 */
export class AppCpu {
  private retired = 0;
  private readonly live = new Map<number, number>();

  constructor(private readonly cluster: LaunchedCluster["cluster"]) {}

  start(): void {
    for (const replica of this.cluster.replicas) this.track(replica.child.pid!);
  }

  track(pid: number): void {
    this.live.set(pid, cpuSeconds(pid));
  }

  retire(pid: number): void {
    const from = this.live.get(pid);
    if (from !== undefined) this.retired += cpuSeconds(pid) - from;
    this.live.delete(pid);
  }

  total(): number {
    return this.retired + [...this.live].reduce((sum, [pid, from]) => sum + cpuSeconds(pid) - from, 0);
  }
}

/** Until every replica answers /api/ready 200 (PostgreSQL and Redis reachable from each). */
async function waitReady(cluster: LaunchedCluster["cluster"]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (const replica of cluster.replicas) {
    for (;;) {
      const status = await fetch(`${replica.url}/api/ready`).then(
        (answer) => answer.status,
        () => 0,
      );
      if (status === 200) break;
      if (Date.now() > deadline)
        throw new Error(`${replica.url} was not ready ${READY_TIMEOUT_MS / 1000} s after a fault`);
      await sleep(250);
    }
  }
}

/**
 * One fault, recorded as an outage window from its start until every replica is ready again:
 * a replica killed (SIGKILL) and started again on its port, or Redis or PostgreSQL stopped and
 * started again with their data.
 */
export async function inflict(
  fault: Fault,
  launched: LaunchedCluster,
  recorder: Recorder,
  cpu: AppCpu,
  log: (line: string) => void,
): Promise<void> {
  const { cluster, restarts } = launched;
  await recorder.outage(fault, async () => {
    if (fault === "replica") {
      const victim = cluster.replicas[0]!;
      log(`fault: SIGKILL replica ${victim.url} (pid ${victim.child.pid}), then start it again`);
      cpu.retire(victim.child.pid!);
      victim.child.kill("SIGKILL");
      const replica = await cluster.restartReplica(0);
      cpu.track(replica.child.pid!);
    } else {
      const restart = restarts[fault];
      if (!restart) throw new Error(`${fault} was given by URL: the pilot cannot restart it`);
      log(`fault: restart ${fault === "redis" ? "Redis" : "PostgreSQL"}`);
      await restart(fault === "redis" ? REDIS_DOWN_MS : POSTGRES_DOWN_MS);
    }
    await waitReady(cluster);
    log(`fault: ${fault} recovered`);
  });
}
