import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";

const nextBin = require.resolve("next/dist/bin/next");

/**
 * Next.js's own server, the only HTTP server the app has: `next start` on the production
 * build, or `next dev`. React picks its production build from NODE_ENV when it is first
 * loaded, so `next start` runs with NODE_ENV=production as Next's CLI would set it.
 */
export function spawnNext(
  mode: "start" | "dev",
  port: number,
  environment: NodeJS.ProcessEnv,
  stdio: StdioOptions = "inherit",
): ChildProcess {
  const env: NodeJS.ProcessEnv = mode === "start" ? { ...environment, NODE_ENV: "production" } : environment;
  return spawn(process.execPath, [nextBin, mode, "--port", String(port)], { env, stdio });
}
