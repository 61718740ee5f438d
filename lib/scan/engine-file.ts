import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { ZXING_WASM_SHA256, ZXING_WASM_VERSION } from "barcode-detector/ponyfill";
import { engineFileName } from "./engine-path";

/**
 * The polyfill's WebAssembly as our own server sends it (see ENGINE_PATH). Resolved from the
 * polyfill's own dependency, so it is always the build of ZXing the polyfill's glue code expects;
 * its SHA-256 is checked against the one the polyfill was published with before it is served.
 */
export function engineWasmPath(): string {
  const project = createRequire(path.join(process.cwd(), "package.json"));
  const polyfill = createRequire(project.resolve("barcode-detector/ponyfill"));
  return polyfill.resolve("zxing-wasm/reader/zxing_reader.wasm");
}

export const ENGINE_FILE = engineFileName(ZXING_WASM_VERSION);

let engine: Promise<Uint8Array<ArrayBuffer>> | null = null;

/** The file's bytes, read and checked once per process. */
export function engineWasm(): Promise<Uint8Array<ArrayBuffer>> {
  engine ??= readFile(engineWasmPath()).then((bytes) => {
    const digest = createHash("sha256").update(bytes).digest("hex");
    if (digest !== ZXING_WASM_SHA256) throw new Error(`zxing_reader.wasm is not the polyfill's (${digest})`);
    return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  });
  engine.catch(() => (engine = null));
  return engine;
}
