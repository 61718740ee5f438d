import fs from "node:fs";
import type { CodeDetector } from "@/lib/scan/barcode";
import { engineWasmPath } from "@/lib/scan/engine-wasm-path";
import { polyfillDetector } from "@/lib/scan/load-detector";

/**
 * The app's decoder in Node: the very `barcode-detector` polyfill the browser loads, through the
 * same `polyfillDetector` (same formats, same reader options), given its WebAssembly from disk.
 * Node has no ImageData nor DOMRectReadOnly; these minimal stand-ins are all the polyfill touches.
 */
class NodeImageData {
  readonly colorSpace = "srgb";
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
  get [Symbol.toStringTag]() {
    return "ImageData";
  }
}

class NodeRect {
  constructor(
    readonly x: number,
    readonly y: number,
    readonly width: number,
    readonly height: number,
  ) {}
}

export function installImageData(): void {
  const scope = globalThis as Record<string, unknown>;
  scope.ImageData ??= NodeImageData;
  scope.DOMRectReadOnly ??= NodeRect;
}

export async function nodeDetector(): Promise<CodeDetector> {
  installImageData();
  const bytes = fs.readFileSync(engineWasmPath());
  return polyfillDetector(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
