import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Everything `next build` reads. Tests, scripts and data do not change the build.
const INPUT_DIRS = ["app", "components", "lib", "db", "public"];
const INPUT_FILES = [
  "next.config.js",
  "package-lock.json",
  "tsconfig.json",
  "proxy.ts",
  "instrumentation.ts",
  "serwist.config.mjs",
];
// Written into public/ by the build itself (`serwist build`), so not an input of it.
const BUILD_OUTPUTS = new Set([path.join("public", "sw.js"), path.join("public", "sw.js.map")]);
const STAMP_FILE = path.join(".next", "exqress-build-stamp");

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

/** A hash of the build's inputs (content, not mtimes, so a fresh clone of the same commit matches). */
export function sourceHash(root = process.cwd()): string {
  const hash = createHash("sha256");
  const files = [
    ...INPUT_DIRS.flatMap((dir) => listFiles(path.join(root, dir))),
    ...INPUT_FILES.map((f) => path.join(root, f)),
  ];
  const inputs = files.filter((f) => fs.existsSync(f) && !BUILD_OUTPUTS.has(path.relative(root, f)));
  for (const file of inputs.sort()) {
    hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

export function buildIsCurrent(root = process.cwd()): boolean {
  const stamp = path.join(root, STAMP_FILE);
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")) || !fs.existsSync(stamp)) return false;
  if (!fs.existsSync(path.join(root, "public", "sw.js"))) return false;
  return fs.readFileSync(stamp, "utf8").trim() === sourceHash(root);
}

export function writeBuildStamp(hash: string, root = process.cwd()): void {
  fs.writeFileSync(path.join(root, STAMP_FILE), hash + "\n");
}
