import sharp from "sharp";

/** What a phone writes into a photo's EXIF: the door's GPS position, the phone, the time. */
const CAMERA_EXIF = {
  IFD0: { Make: "ExampleFone", Model: "EF-42 Pro", DateTime: "2026:12:07 09:41:00" },
  IFD3: { GPSLatitudeRef: "N", GPSLatitude: "37/1 44/1 3021/100", GPSLongitudeRef: "E", GPSLongitude: "127/1 2/1 4/1" },
};

type Options = { width?: number; height?: number; quality?: number };

/**
 * A photo as a phone camera takes it, made here rather than kept as a binary fixture: noise
 * (which compresses as badly as a real scene, or worse) with the camera's EXIF.
 */
export async function cameraPhoto({ width = 640, height = 480, quality = 80 }: Options = {}): Promise<Buffer> {
  const noise = { type: "gaussian" as const, mean: 128, sigma: 30 };
  return sharp({ create: { width, height, channels: 3, background: "#808080", noise } })
    .withExif(CAMERA_EXIF)
    .jpeg({ quality })
    .toBuffer();
}

/** A real, small JPEG whose header claims 65500×65500 pixels: four gigapixels once decoded. */
export async function bombPhoto(): Promise<Buffer> {
  const bytes = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#000" } })
    .jpeg()
    .toBuffer();
  const frame = bytes.indexOf(Buffer.from([0xff, 0xc0]));
  // Start of frame: marker (2), length (2), precision (1), height (2), width (2).
  bytes.writeUInt16BE(65_500, frame + 5);
  bytes.writeUInt16BE(65_500, frame + 7);
  return bytes;
}

/** The bytes carry an EXIF block (the APP1 segment starts with "Exif\0\0"), or any other metadata. */
export async function carriesMetadata(bytes: Buffer): Promise<boolean> {
  const { exif, xmp, iptc, icc } = await sharp(bytes).metadata();
  return bytes.includes(Buffer.from("Exif\0\0", "latin1")) || Boolean(exif ?? xmp ?? iptc ?? icc);
}
