/**
 * A second chance for dark and washed-out frames. ZXing-C++ binarizes each small block against
 * its neighbourhood; in a near-black frame (a label in a dark van, the torch off) the modules
 * differ by a few grey levels and drown in sensor noise, so it finds nothing. Stretching the
 * frame's own luminance range (1st to 99th percentile) to 0–255 gives the binarizer the contrast
 * back. Only frames that need it are stretched: a bright frame without a code costs nothing more.
 */

type Frame = { data: Uint8ClampedArray; width: number; height: number };
export type LumaRange = { low: number; high: number };

/** Below this spread (of 255) between the dark and light percentiles, a frame is worth stretching. */
const LOW_CONTRAST = 110;
/** Every how many pixels the histogram samples: a 1280×720 frame gives ~57,000 samples. */
const SAMPLE_STEP = 16;

const luma = (data: Uint8ClampedArray, i: number): number =>
  (306 * data[i]! + 601 * data[i + 1]! + 117 * data[i + 2]!) >> 10;

/** The 1st and 99th percentiles of luminance, from a sparse sample. */
export function lumaRange({ data }: Frame): LumaRange {
  const histogram = new Uint32Array(256);
  let samples = 0;
  for (let i = 0; i < data.length; i += 4 * SAMPLE_STEP) {
    histogram[luma(data, i)]!++;
    samples++;
  }
  const percentile = (fraction: number): number => {
    let seen = 0;
    for (let level = 0; level < 256; level++) {
      seen += histogram[level]!;
      if (seen > samples * fraction) return level;
    }
    return 255;
  };
  return { low: percentile(0.01), high: percentile(0.99) };
}

export function isLowContrast(range: LumaRange): boolean {
  return range.high - range.low < LOW_CONTRAST;
}

/** The frame in grey, its luminance range stretched to 0–255 (clipped outside the percentiles). */
export function stretchContrast(frame: Frame, range: LumaRange): ImageData {
  const { data, width, height } = frame;
  const span = Math.max(1, range.high - range.low);
  const table = new Uint8ClampedArray(256);
  for (let level = 0; level < 256; level++) table[level] = ((level - range.low) * 255) / span;
  const out = new Uint8ClampedArray(data.length);
  for (let i = 0; i < data.length; i += 4) {
    const value = table[luma(data, i)]!;
    out[i] = value;
    out[i + 1] = value;
    out[i + 2] = value;
    out[i + 3] = 255;
  }
  return new ImageData(out, width, height);
}
