import jpeg from "jpeg-js";
import { fromRgba, gray, type Gray } from "./gray";

/** One horizontal or vertical box-blur pass of radius r (clamped at the edges). */
function boxPass(src: Gray, r: number, horizontal: boolean): Gray {
  const { width, height } = src;
  const out = gray(width, height);
  const [outer, inner] = horizontal ? [height, width] : [width, height];
  const at = (o: number, i: number) => (horizontal ? o * width + i : i * width + o);
  for (let o = 0; o < outer; o++) {
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += src.data[at(o, Math.min(inner - 1, Math.max(0, k)))]!;
    for (let i = 0; i < inner; i++) {
      out.data[at(o, i)] = sum / (2 * r + 1);
      sum += src.data[at(o, Math.min(inner - 1, i + r + 1))]! - src.data[at(o, Math.max(0, i - r))]!;
    }
  }
  return out;
}

/** Out of focus: three box blurs approach a Gaussian of about this sigma. */
export function blur(src: Gray, sigma: number): Gray {
  const r = Math.max(1, Math.round(Math.sqrt((4 * sigma * sigma) / 3 + 1) / 2));
  let out = src;
  for (let pass = 0; pass < 3; pass++) out = boxPass(boxPass(out, r, true), r, false);
  return out;
}

/** A hand moving during the exposure: the average along a line of `length` pixels at `angle`. */
export function motionBlur(src: Gray, length: number, angle: number): Gray {
  const { width, height } = src;
  const out = gray(width, height);
  const steps = Math.max(2, Math.round(length));
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let s = 0; s < steps; s++) {
        const t = s - (steps - 1) / 2;
        const sx = Math.min(width - 1, Math.max(0, Math.round(x + t * dx)));
        const sy = Math.min(height - 1, Math.max(0, Math.round(y + t * dy)));
        sum += src.data[sy * width + sx]!;
      }
      out.data[y * width + x] = sum / steps;
    }
  }
  return out;
}

/** Sensor noise: Gaussian (Box–Muller) of the given sigma, clipped to 0–255. */
export function noise(src: Gray, sigma: number, rnd: () => number): Gray {
  const out = gray(src.width, src.height);
  for (let i = 0; i < src.data.length; i++) {
    const n = Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd());
    out.data[i] = Math.min(255, Math.max(0, src.data[i]! + sigma * n));
  }
  return out;
}

/** Little light: the picture scaled down to `level` of its brightness (0.04 is near black). */
export function dim(src: Gray, level: number): Gray {
  const out = gray(src.width, src.height);
  for (let i = 0; i < src.data.length; i++) out.data[i] = src.data[i]! * level;
  return out;
}

/** A lamp's reflection: a bright blob of `radius` at (cx, cy) washing the ink out towards white. */
export function glare(src: Gray, cx: number, cy: number, radius: number, strength: number): Gray {
  const out = gray(src.width, src.height);
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < src.width; x++) {
      const d2 = ((x - cx) ** 2 + (y - cy) ** 2) / (radius * radius);
      const light = strength * Math.exp(-d2);
      const i = y * src.width + x;
      out.data[i] = Math.min(255, src.data[i]! + light * (255 - src.data[i]!) + 40 * light);
    }
  }
  return out;
}

/**
 * Through a JPEG encoder and back at `quality` (jpeg-js, as a phone's photo or a chat app would).
 * Only the region `[x0, y0, x1, y1)` is coded, on the 16-pixel grid of the whole frame's blocks, so
 * its pixels come out as from the whole frame's JPEG, in a fraction of the time.
 */
export function jpegRoundTrip(src: Gray, quality: number, region = [0, 0, src.width, src.height]): Gray {
  const [x0, y0] = region.slice(0, 2).map((v) => Math.max(0, Math.floor(v! / 16) * 16)) as [number, number];
  const x1 = Math.min(src.width, Math.ceil(region[2]! / 16) * 16);
  const y1 = Math.min(src.height, Math.ceil(region[3]! / 16) * 16);
  const [width, height] = [x1 - x0, y1 - y0];
  const rgba = Buffer.alloc(width * height * 4, 255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = Math.round(Math.min(255, Math.max(0, src.data[(y + y0) * src.width + x + x0]!)));
      rgba.fill(value, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  const encoded = jpeg.encode({ data: rgba, width, height }, quality);
  const decoded = fromRgba(jpeg.decode(encoded.data, { useTArray: true }).data, width, height);
  const out = { ...src, data: Float32Array.from(src.data) };
  for (let y = 0; y < height; y++)
    out.data.set(decoded.data.subarray(y * width, (y + 1) * width), (y + y0) * src.width + x0);
  return out;
}
