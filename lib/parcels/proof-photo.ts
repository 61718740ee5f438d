import "server-only";
import sharp from "sharp";
import { logger } from "@/lib/observability/logger";
import type { ProofPhoto } from "./proof-store";

/** The longest side a stored photo keeps: enough to see the parcel at the door. */
export const PHOTO_MAX_SIDE = 1600;
/** Above this, a photo is re-encoded at a lower quality (a noisy 1600 px scene fits by the last step). */
const PHOTO_TARGET_BYTES = 300 * 1024;
const JPEG_QUALITIES = [80, 60, 40] as const;
/**
 * The most pixels a photo may declare before anything is decoded: a 50 MP phone sensor's full
 * image passes; a small file whose header claims 65500×65500 (4 GP, 12 GB of pixels) does not.
 */
export const PHOTO_MAX_PIXELS = 50_000_000;

declare const reencoded: unique symbol;
/** A photo this module drew afresh: only these are stored as proof. */
export type ReencodedPhoto = ProofPhoto & { readonly [reencoded]: true };

export type PhotoCheck = { ok: true; photo: ReencodedPhoto } | { ok: false; problem: "unreadable" | "too_many_pixels" };

const startsLikeJpeg = (bytes: Buffer) =>
  bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

/**
 * A courier's upload decoded and drawn again as a JPEG of at most 1600 px and about 300 KB: the
 * camera's EXIF (the door's GPS position, the phone, the time) and every other metadata block stay
 * behind, and whatever does not decode as a JPEG (junk after a JPEG marker, HTML, a cut-off file)
 * is refused. The header is read first, so a decompression bomb is refused before any decoding.
 */
export async function reencodeProofPhoto(bytes: Buffer): Promise<PhotoCheck> {
  if (!startsLikeJpeg(bytes)) return { ok: false, problem: "unreadable" };
  // metadata() reads the header only: no limit is needed to read the size that is then checked.
  const header = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (header?.format !== "jpeg") return { ok: false, problem: "unreadable" };
  if (header.width * header.height > PHOTO_MAX_PIXELS) return { ok: false, problem: "too_many_pixels" };
  try {
    // The decoder holds the same limit itself, rather than trusting that nothing reaches it unchecked.
    const { data, info } = await sharp(bytes, { limitInputPixels: PHOTO_MAX_PIXELS, autoOrient: true })
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: "inside", withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { ok: true, photo: { contentType: "image/jpeg", bytes: await smallJpeg(data, info) } as ReencodedPhoto };
  } catch (error) {
    // Why a photo that started like a JPEG did not decode; the photo itself is never logged.
    logger().info({ reason: error instanceof Error ? error.message : String(error) }, "proof photo refused");
    return { ok: false, problem: "unreadable" };
  }
}

/** The pixels as a JPEG, at the highest quality that fits the target (or the lowest tried). */
async function smallJpeg(pixels: Buffer, raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 }) {
  let jpeg = Buffer.alloc(0);
  for (const quality of JPEG_QUALITIES) {
    jpeg = await sharp(pixels, { raw }).jpeg({ quality }).toBuffer();
    if (jpeg.length <= PHOTO_TARGET_BYTES) break;
  }
  return jpeg;
}
