import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { workerPool } from "@/lib/workers/worker-pool";

// Doubles a number; "exit" ends the thread without an answer, "throw" crashes it.
const SOURCE = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", ({ id, job }) => {
  if (job === "exit") process.exit(0);
  if (job === "throw") throw new Error("boom");
  parentPort.postMessage({ id, value: job * 2 });
});
`;
const pool = () =>
  workerPool<number | "exit" | "throw", number>(
    () => new Worker(SOURCE, { eval: true }),
    () => 1,
  );

describe("worker pool", () => {
  it("answers jobs by id", async () => {
    const run = pool();
    expect(await Promise.all([1, 2, 3].map((n) => run(n)))).toEqual([2, 4, 6]);
  });

  it("fails the jobs of a worker that exits or crashes, and goes on with a fresh one", async () => {
    const run = pool();
    await expect(run("exit")).rejects.toThrow("a worker thread exited");
    expect(await run(5)).toBe(10);
    await expect(run("throw")).rejects.toThrow("boom");
    expect(await run(6)).toBe(12);
  });
});
