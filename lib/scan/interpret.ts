import { parseScannedText } from "@/lib/parcels/code";
import { QR_FORMAT } from "./barcode";

/** Why a scanned text is not opened; each has its own message in the `scan.refused` messages. */
export type RefusalReason = "foreign_url" | "not_a_code" | "barcode";

export type Interpretation = { kind: "code"; code: string } | { kind: "refused"; reason: RefusalReason };

/**
 * What the scanner does with a decoded text: our own parcel URL or a bare code opens the parcel;
 * anything else (another site, `javascript:`, free text, a product or tracking barcode) is refused
 * and never navigated to. `format` is the BarcodeDetector's name for the symbology ("qr_code",
 * "code_128" …): the camera also reads 1D barcodes only to tell the user that a barcode is not our label.
 */
export function interpretScan(text: string, publicUrl: string, format: string = QR_FORMAT): Interpretation {
  if (format !== QR_FORMAT) return { kind: "refused", reason: "barcode" };
  const result = parseScannedText(text, publicUrl);
  return result.ok ? { kind: "code", code: result.code } : { kind: "refused", reason: result.reason };
}

/**
 * How long the same announcement (a refusal, "already scanned") stays quiet: a label held in view
 * is decoded ten times a second, and a screen reader must not be flooded by one label.
 */
export const REPEAT_QUIET_MS = 4000;

export type AnnouncementMemory = { key: string; at: number } | null;

export function shouldAnnounceAgain(memory: AnnouncementMemory, key: string, now: number): boolean {
  return memory === null || memory.key !== key || now - memory.at >= REPEAT_QUIET_MS;
}
