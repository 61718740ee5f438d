/**
 * Where the polyfill's WebAssembly is served from: our own origin (app/(site)/scan/engine/[file]/route.ts),
 * never the jsDelivr CDN the polyfill defaults to, which many deployments (and phones behind a
 * carrier's proxy) cannot reach. The version in the name lets the service worker keep it for good.
 * A module of its own so the service worker can import it without the scanner's code.
 */
export const ENGINE_PATH = "/scan/engine/";
export const engineFileName = (version: string): string => `zxing_reader-${version}.wasm`;
