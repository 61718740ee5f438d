/** A grey picture as floats (0–255), the working form of the synthetic label photos. */
export type Gray = { data: Float32Array; width: number; height: number };

export const gray = (width: number, height: number, fill = 0): Gray => ({
  data: new Float32Array(width * height).fill(fill),
  width,
  height,
});

/** A seeded generator: the corpus is the same on every run and machine. */
export { seededRandom as random } from "@/scripts/bench/seeded-random";

/** RGBA pixels, as a canvas' getImageData gives them (ImageData or the Node shim). */
export function toImageData({ data, width, height }: Gray): ImageData {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    rgba[i * 4] = value;
    rgba[i * 4 + 1] = value;
    rgba[i * 4 + 2] = value;
    rgba[i * 4 + 3] = 255;
  }
  return new ImageData(rgba, width, height);
}

/** Grey from RGBA (a decoded JPEG), with the same weights as ZXing's own conversion. */
export function fromRgba(rgba: Uint8Array, width: number, height: number): Gray {
  const out = gray(width, height);
  for (let i = 0; i < out.data.length; i++) {
    out.data[i] = (306 * rgba[i * 4]! + 601 * rgba[i * 4 + 1]! + 117 * rgba[i * 4 + 2]!) / 1024;
  }
  return out;
}
