/**
 * A process that runs only the CSV import worker (lib/imports/queue.ts), as every server does,
 * for tests that must kill it (SIGKILL) or measure its memory. Prints "ready", then its peak
 * RSS in MB every 250 ms as "rss N".
 */
import { startImportWorker } from "@/lib/imports/queue";

const worker = startImportWorker();
let peak = 0;
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`rss ${(peak / 1024 / 1024).toFixed(1)}`);
}, 250);
void worker.waitUntilReady().then(() => console.log("ready"));
process.on("SIGTERM", () => void worker.close().then(() => process.exit(0)));
