/**
 * The one decoding interface of the scanner: the standard Barcode Detection API. The browser's
 * own detector where it exists (Android Chrome, macOS), else the `barcode-detector` polyfill
 * (ZXing-C++ in WebAssembly). Names follow the API ("qr_code", "code_128" …).
 */

/**
 * What the scanner looks for. Our labels carry only a QR code; Code 128 and EAN-13 (the tracking
 * and product barcodes on other labels) are read only so that the scanner can say "that is a
 * barcode" instead of staying silent while a courier points at the wrong symbol.
 */
export const SCAN_FORMATS = ["qr_code", "code_128", "ean_13"] as const;

export const QR_FORMAT = "qr_code";

export type DetectedCode = { rawValue: string; format: string };

/** The part of `BarcodeDetector` the scanner uses, met by the native class and the polyfill alike. */
export type CodeDetector = { detect(image: ImageData): Promise<DetectedCode[]> };

/** A QR code first when a frame holds several symbols: our label's QR is what the courier wants. */
export function pickCode(found: readonly DetectedCode[]): DetectedCode | null {
  return found.find((code) => code.format === QR_FORMAT) ?? found[0] ?? null;
}
