import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { ZXING_WASM_SHA256, ZXING_WASM_VERSION } from "barcode-detector/ponyfill";
import { engineFileName } from "./engine-path";
import { engineWasmPath } from "./engine-wasm-path";

/** The polyfill's WebAssembly as our own server sends it (see ENGINE_PATH), checked once. */
export const ENGINE_FILE = engineFileName(ZXING_WASM_VERSION);

let engine: Promise<Uint8Array<ArrayBuffer>> | null = null;

/** The file's bytes, read once per process; a file other than the polyfill's own is refused. */
export function engineWasm(): Promise<Uint8Array<ArrayBuffer>> {
  engine ??= readFile(engineWasmPath()).then((bytes) => {
    const digest = createHash("sha256").update(bytes).digest("hex");
    if (digest !== ZXING_WASM_SHA256) throw new Error(`zxing_reader.wasm is not the polyfill's (${digest})`);
    return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  });
  engine.catch(() => (engine = null));
  return engine;
}
