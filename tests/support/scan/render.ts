import QRCode from "qrcode";
import { gray, type Gray } from "./gray";

/** The QR of a text as our labels print it (the `qrcode` package, error correction M). */
function qrMatrix(text: string): { size: number; dark: (x: number, y: number) => boolean } {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: "M" }).modules;
  return { size, dark: (x, y) => x >= 0 && y >= 0 && x < size && y < size && data[y * size + x] === 1 };
}

/** A clean, axis-aligned QR with a 4-module quiet zone, `scale` pixels per module. */
export function renderClean(text: string, scale: number, ink = 0, paper = 255): Gray {
  const qr = qrMatrix(text);
  const side = (qr.size + 8) * scale;
  const out = gray(side, side, paper);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (qr.dark(Math.floor(x / scale) - 4, Math.floor(y / scale) - 4)) out.data[y * side + x] = ink;
    }
  }
  return out;
}

/** Maps a frame pixel to label coordinates in modules (quiet zone included), or null off the label. */
export type Projection = (x: number, y: number) => [number, number];

export type Scene = {
  width: number;
  height: number;
  /** Module size in frame pixels, rotation (radians), tilt (perspective, 0 = none), centre. */
  scale: number;
  angle: number;
  tilt: number;
  cx: number;
  cy: number;
  ink: number;
  paper: number;
  /** A wrinkle displacement in pixels (crumpled label), 0 for flat. */
  crumple: number;
  seed: number;
};

function projection(scene: Scene, labelSide: number): Projection {
  const { scale, angle, tilt, cx, cy } = scene;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  return (x, y) => {
    let dx = x - cx;
    let dy = y - cy;
    // Perspective: the label leans back, so its far side (top) is smaller than its near side.
    const depth = 1 + (tilt * dy) / (labelSide * scale);
    dx *= depth;
    dy *= depth;
    const u = (cos * dx + sin * dy) / scale + labelSide / 2;
    const v = (-sin * dx + cos * dy) / scale + labelSide / 2;
    return [u, v];
  };
}

const SUBPIXELS = [0.25, 0.75] as const;

/** A label photographed in a frame: the QR on white paper over a textured desk, 2×2 supersampled. */
export function renderScene(text: string, scene: Scene): Gray {
  const qr = qrMatrix(text);
  const labelSide = qr.size + 8;
  const project = projection(scene, labelSide);
  const out = gray(scene.width, scene.height);
  const deskX = Float32Array.from({ length: scene.width }, (_, x) => Math.sin(x / 17));
  const wrinkle = (x: number, y: number) =>
    scene.crumple * Math.sin(x / 23 + scene.seed) * Math.cos(y / 31 - scene.seed) +
    scene.crumple * 0.6 * Math.sin((x + y) / 11 + scene.seed * 3);
  // Only pixels near the label are projected (the label's half-diagonal, widened by the tilt).
  const reach = labelSide * scene.scale * 0.75 * (1 + scene.tilt) + scene.crumple + 8;
  for (let y = 0; y < scene.height; y++) {
    const deskY = 25 * Math.sin(y / 13);
    for (let x = 0; x < scene.width; x++) {
      if (Math.abs(x - scene.cx) > reach || Math.abs(y - scene.cy) > reach) {
        out.data[y * scene.width + x] = 95 + deskX[x]! * deskY;
        continue;
      }
      const shift = scene.crumple ? wrinkle(x, y) : 0;
      const desk = 95 + deskX[x]! * deskY;
      let sum = 0;
      for (const sy of SUBPIXELS) {
        for (const sx of SUBPIXELS) {
          const [u, v] = project(x + sx + shift, y + sy - shift);
          const onLabel = u >= -2 && v >= -2 && u < labelSide + 6 && v < labelSide + 2;
          sum += !onLabel ? desk : qr.dark(Math.floor(u) - 4, Math.floor(v) - 4) ? scene.ink : scene.paper;
        }
      }
      out.data[y * scene.width + x] = sum / 4;
    }
  }
  return out;
}
