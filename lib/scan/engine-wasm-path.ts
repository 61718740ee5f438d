import { createRequire } from "node:module";
import path from "node:path";

/**
 * Where the polyfill's WebAssembly lies on disk, for the route that serves it and for the Node tests
 * and bench. Resolved from the polyfill's own dependency, so it is always the build of ZXing the
 * polyfill's glue code expects (the route also checks its SHA-256 against the polyfill's).
 */
export function engineWasmPath(): string {
  const project = createRequire(path.join(process.cwd(), "package.json"));
  const polyfill = createRequire(project.resolve("barcode-detector/ponyfill"));
  return polyfill.resolve("zxing-wasm/reader/zxing_reader.wasm");
}
