import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import type { DetectedCode } from "@/lib/scan/barcode";

/**
 * The engine the scanner used before: the ZXing port bundled in html5-qrcode 2.3.8
 * (`third_party/zxing-js.umd.js`), called as html5-qrcode called it (MultiFormatReader, QR code,
 * Code 128 and EAN-13, TRY_HARDER off, HybridBinarizer), on the luminance its canvas source
 * computes. Kept (as a dev dependency) only to find the labels it cannot read and for the bench.
 */
type ZXingResult = { getText(): string; getBarcodeFormat(): number };
type ZXingModule = {
  BarcodeFormat: Record<string, number>;
  DecodeHintType: Record<string, number>;
  MultiFormatReader: new (verbose: boolean, hints: Map<number, unknown>) => { decode(bitmap: unknown): ZXingResult };
  RGBLuminanceSource: new (luminances: Uint8ClampedArray, width: number, height: number) => unknown;
  BinaryBitmap: new (binarizer: unknown) => unknown;
  HybridBinarizer: new (source: unknown) => unknown;
};

/**
 * Evaluated as the CommonJS script it is: html5-qrcode's package says `"type": "module"`, so a plain
 * require() would load this UMD file as an ES module, where its `exports` does not exist.
 */
function loadZXing(): ZXingModule {
  const project = createRequire(path.join(process.cwd(), "package.json"));
  const source = fs.readFileSync(project.resolve("html5-qrcode/third_party/zxing-js.umd.js"), "utf8");
  const commonJs = { exports: {} };
  vm.runInThisContext(`(function (exports, module) {${source}\n})`)(commonJs.exports, commonJs);
  return commonJs.exports as ZXingModule;
}

const ZXing = loadZXing();

const FORMATS: Record<number, string> = {
  [ZXing.BarcodeFormat.QR_CODE!]: "qr_code",
  [ZXing.BarcodeFormat.CODE_128!]: "code_128",
  [ZXing.BarcodeFormat.EAN_13!]: "ean_13",
};

const hints = new Map<number, unknown>([
  [ZXing.DecodeHintType.POSSIBLE_FORMATS!, Object.keys(FORMATS).map(Number)],
  [ZXing.DecodeHintType.TRY_HARDER!, false],
]);

/** html5-qrcode's luminance: (306 R + 601 G + 117 B + 512) >> 10, as its canvas source computes it. */
function luminance({ data, width, height }: ImageData): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0; i < out.length; i++) {
    out[i] = (306 * data[i * 4]! + 601 * data[i * 4 + 1]! + 117 * data[i * 4 + 2]! + 512) >> 10;
  }
  return out;
}

export function oldEngineDecode(frame: ImageData): DetectedCode | null {
  const source = new ZXing.RGBLuminanceSource(luminance(frame), frame.width, frame.height);
  try {
    const result = new ZXing.MultiFormatReader(false, hints).decode(
      new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(source)),
    );
    return { rawValue: result.getText(), format: FORMATS[result.getBarcodeFormat()] ?? "unknown" };
  } catch {
    // ZXing-js throws NotFoundException (and checksum/format errors) when it reads nothing.
    return null;
  }
}
