import type { DetectedCode } from "@/lib/scan/barcode";
import { decodeFrame } from "@/lib/scan/decode-frame";
import { loadDetector } from "@/lib/scan/load-detector";

/** A phone photo (12 MP and more) is scaled to this longer side: the label still has ≥ 5 px a module. */
const MAX_SIDE = 2048;

async function pixelsOf(file: File): Promise<ImageData> {
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const [width, height] = [Math.round(bitmap.width * scale), Math.round(bitmap.height * scale)];
    const canvas = Object.assign(document.createElement("canvas"), { width, height });
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) throw new Error("2D canvas not supported");
    context.drawImage(bitmap, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  } finally {
    bitmap.close();
  }
}

/** Finds a QR code (or barcode) in a photo with the camera's own detector and second pass. */
export async function decodeImageFile(file: File): Promise<DetectedCode> {
  const found = await decodeFrame(await loadDetector(), await pixelsOf(file));
  if (!found) throw new Error("no code in the photo");
  return found;
}
