import { Html5Qrcode } from "./html5-qrcode";
import { formatNameOf, SCANNER_CONFIG } from "./formats";

/** Finds a QR code (or barcode) in a photo; loaded on demand, it shares the scanner's chunk. */
export async function decodeImageFile(elementId: string, file: File): Promise<{ text: string; format: string }> {
  const scanner = new Html5Qrcode(elementId, SCANNER_CONFIG);
  try {
    const result = await scanner.scanFileV2(file, false);
    return { text: result.decodedText, format: formatNameOf(result) };
  } finally {
    scanner.clear();
  }
}
