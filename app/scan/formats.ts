import { Html5QrcodeSupportedFormats } from "./html5-qrcode";

/**
 * What the decoder looks for. Our labels carry only a QR code; Code 128 and EAN-13 (the tracking
 * and product barcodes on other labels) are read only so that the scanner can say "that is a
 * barcode" instead of staying silent while a courier points at the wrong symbol.
 */
export const SCAN_FORMATS = [
  Html5QrcodeSupportedFormats.QR_CODE,
  Html5QrcodeSupportedFormats.CODE_128,
  Html5QrcodeSupportedFormats.EAN_13,
];

export const SCANNER_CONFIG = { formatsToSupport: SCAN_FORMATS, verbose: false, useBarCodeDetectorIfSupported: true };

/** The decoder's symbology name ("QR_CODE", "CODE_128" …); a result without one came from a QR reader. */
export function formatNameOf(result: { result: { format?: { formatName: string } } }): string {
  return result.result.format?.formatName ?? "QR_CODE";
}
