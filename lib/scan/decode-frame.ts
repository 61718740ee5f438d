import { pickCode, type CodeDetector, type DetectedCode } from "./barcode";
import { isLowContrast, lumaRange, stretchContrast } from "./contrast";

/**
 * One frame (or photo) through the detector: as it is, then, if nothing was found and the frame
 * is dark or flat, once more with its contrast stretched. Used by the camera loop, the photo
 * fallback, the tests and the bench alike, so all of them measure what the app does.
 */
export async function decodeFrame(detector: CodeDetector, frame: ImageData): Promise<DetectedCode | null> {
  const first = pickCode(await detector.detect(frame));
  if (first) return first;
  const range = lumaRange(frame);
  if (!isLowContrast(range)) return null;
  return pickCode(await detector.detect(stretchContrast(frame, range)));
}
