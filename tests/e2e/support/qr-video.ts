/**
 * Fake camera footage for Chromium (`--use-file-for-fake-video-capture=<file>.y4m`), written from
 * the QR matrix of the `qrcode` package (EC level M, as on our labels). One frame is enough:
 * Chromium loops the file. Written at test time into the test's output folder, never committed.
 */
import fs from "node:fs";
import QRCode from "qrcode";

const WIDTH = 640;
const HEIGHT = 480;
const QUIET_ZONE = 4;
// Video-range luma: black is 16 and white 235 in Y'CbCr; 128 is "no colour" for both chroma planes.
const DARK = 16;
const LIGHT = 235;

function frameHeader(): string {
  return `YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\n`;
}

function writeY4m(file: string, luma: Uint8Array): string {
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128);
  fs.writeFileSync(file, Buffer.concat([Buffer.from(frameHeader() + "FRAME\n"), luma, chroma, chroma]));
  return file;
}

/**
 * A label-like frame: the QR of `text` centred on white, filling about 85% of the frame's height,
 * as a courier holds a label close. The luma plane, 640×480, as the fake camera films it.
 */
export function qrFrame(text: string): { luma: Buffer; width: number; height: number } {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: "M" }).modules;
  const scale = Math.floor((HEIGHT * 0.85) / (size + 2 * QUIET_ZONE));
  const side = size * scale;
  const left = Math.floor((WIDTH - side) / 2);
  const top = Math.floor((HEIGHT - side) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, LIGHT);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const dark = data[Math.floor(y / scale) * size + Math.floor(x / scale)] === 1;
      if (dark) luma[(top + y) * WIDTH + left + x] = DARK;
    }
  }
  return { luma, width: WIDTH, height: HEIGHT };
}

export function writeQrVideo(file: string, text: string): string {
  return writeY4m(file, qrFrame(text).luma);
}

/** The control: a busy, label-like pattern of blocks and stripes with no QR code in it. */
export function writeBlankVideo(file: string): string {
  const luma = Buffer.alloc(WIDTH * HEIGHT, LIGHT);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const block = (Math.floor(x / 37) * 7 + Math.floor(y / 23) * 13) % 5 === 0;
      const stripe = y > 380 && y < 420 && Math.floor(x / 6) % 3 === 0;
      if (block || stripe) luma[y * WIDTH + x] = 90;
    }
  }
  return writeY4m(file, luma);
}

/** A PNG of a QR code, for the photo fallback. */
export async function writeQrPng(file: string, text: string): Promise<string> {
  await QRCode.toFile(file, text, { errorCorrectionLevel: "M", width: 480, margin: 4 });
  return file;
}
