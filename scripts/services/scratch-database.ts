import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** The same server as `serverUrl`, another database. */
function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Creates an empty database with a unique name on the server of `serverUrl`, so
 * test runs never see each other's data; `drop` removes it again.
 */
export async function createScratchDatabase(
  serverUrl: string,
  label: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `exqress_${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: async () => {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
