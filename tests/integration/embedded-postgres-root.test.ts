import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closedAncestor, startEmbeddedPostgres, StartRefused } from "@/scripts/services/embedded-postgres";

// `npm start` as root in a private folder: PostgreSQL runs as the postgres user, who cannot enter it.
const privateDir = fs.mkdtempSync(path.join(os.tmpdir(), "exqress-private-"));
fs.chmodSync(privateDir, 0o700);
afterAll(() => fs.rmSync(privateDir, { recursive: true, force: true }));

describe("embedded PostgreSQL as root in a private folder", () => {
  it("finds the folder other users cannot enter", () => {
    expect(closedAncestor(path.join(privateDir, "app", ".data", "pg"))).toBe(privateDir);
    fs.chmodSync(privateDir, 0o755);
    try {
      expect(closedAncestor(path.join(privateDir, "app", ".data", "pg"))).toBeUndefined();
    } finally {
      fs.chmodSync(privateDir, 0o700);
    }
  });

  it.runIf(process.getuid?.() === 0)(
    "stops with one sentence naming the folder and the fixes, before spawning initdb",
    async () => {
      const dataDir = path.join(privateDir, "app", ".data", "pg");
      const start = startEmbeddedPostgres({ dataDir, persistent: false });
      await expect(start).rejects.toBeInstanceOf(StartRefused);
      await expect(start).rejects.toThrow(
        new RegExp(`cannot enter ${privateDir} \\(a private folder\\): move the project .* or set DATABASE_URL`),
      );
      expect(fs.existsSync(dataDir)).toBe(false);
    },
  );
});
