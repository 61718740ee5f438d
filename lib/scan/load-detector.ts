import { SCAN_FORMATS, type CodeDetector } from "./barcode";
import { ENGINE_PATH, engineFileName } from "./engine-path";

type DetectorClass = {
  new (options: { formats: string[] }): CodeDetector;
  getSupportedFormats(): Promise<readonly string[]>;
};

/** The browser's own detector, if it has one that reads QR codes (Android Chrome, macOS). */
async function nativeDetector(): Promise<CodeDetector | null> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return null;
  const supported = await Native.getSupportedFormats().catch(() => [] as readonly string[]);
  if (!supported.includes("qr_code")) return null;
  return new Native({ formats: SCAN_FORMATS.filter((format) => supported.includes(format)) });
}

/**
 * The `barcode-detector` polyfill (ZXing-C++), imported on demand so that its code is fetched only
 * by a browser without a native detector. Its WebAssembly starts downloading at once; given
 * `wasmBinary` (Node: tests and bench) nothing is fetched. Its reader options are the polyfill's
 * own (try harder, rotated, inverted, downscaled), the same here as in the app.
 */
export async function polyfillDetector(wasmBinary?: ArrayBuffer): Promise<CodeDetector> {
  const zxing = await import("barcode-detector/ponyfill");
  const url = ENGINE_PATH + engineFileName(zxing.ZXING_WASM_VERSION);
  const overrides = wasmBinary
    ? { wasmBinary }
    : { locateFile: (file: string, prefix: string) => (file.endsWith(".wasm") ? url : prefix + file) };
  // Not awaited: a failed download rejects each detect() instead, which the caller handles.
  zxing.prepareZXingModule({ overrides, fireImmediately: true }).catch(() => undefined);
  return new zxing.BarcodeDetector({ formats: [...SCAN_FORMATS] });
}

let detector: Promise<CodeDetector> | null = null;

/** The page's one detector: native where possible, else the polyfill (loaded once per page). */
export function loadDetector(): Promise<CodeDetector> {
  detector ??= nativeDetector().then((native) => native ?? polyfillDetector());
  detector.catch(() => (detector = null));
  return detector;
}
