/**
 * `npx tsx scripts/generate-icons.ts`: draws the app icons (public/icons/) from one SVG, rendered
 * to PNG by Chromium (CHROMIUM_PATH, default /usr/bin/chromium) so the pixels match the vector.
 *
 * The mark: three QR finder patterns and a parcel where the fourth would be, on the brand green.
 * "any" icons have rounded corners; maskable and Apple icons are full-bleed squares (the platform
 * cuts its own shape) with the mark shrunk into the maskable safe zone (a circle of 40% radius).
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const OUT_DIR = path.resolve("public", "icons");
const GREEN = "#0b3d2e";

/** White QR finder pattern at (x, y), 96 units wide. */
const finder = (x: number, y: number) =>
  `<rect x="${x}" y="${y}" width="96" height="96" rx="18" fill="#fff"/>` +
  `<rect x="${x + 16}" y="${y + 16}" width="64" height="64" rx="8" fill="${GREEN}"/>` +
  `<rect x="${x + 30}" y="${y + 30}" width="36" height="36" rx="6" fill="#fff"/>`;

const MODULES: [number, number][] = [
  [120, 8],
  [184, 8],
  [152, 40],
  [120, 72],
  [184, 72],
  [8, 120],
  [72, 120],
  [40, 152],
  [8, 184],
  [72, 184],
  [120, 120],
];

/** An isometric parcel in the bottom-right quadrant, taped across the top and down one side. */
const PARCEL =
  `<path d="M152 190 L232 150 L312 190 L232 230 Z" fill="#ffe08a"/>` +
  `<path d="M152 190 L232 230 L232 318 L152 278 Z" fill="#ffcc33"/>` +
  `<path d="M232 230 L312 190 L312 278 L232 318 Z" fill="#e0a800"/>` +
  `<path d="M192 170 L272 210 L272 298" stroke="${GREEN}" stroke-width="12" fill="none" stroke-linejoin="round"/>`;

/** The mark drawn in a 320×320 box, placed centred at `scale` of a 512 canvas. */
function svg({ rounded, scale }: { rounded: boolean; scale: number }): string {
  const size = 320 * scale;
  const offset = (512 - size) / 2;
  const modules = MODULES.map(([x, y]) => `<rect x="${x}" y="${y}" width="24" height="24" rx="4" fill="#fff"/>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">`,
    `<rect width="512" height="512" ${rounded ? 'rx="112"' : ""} fill="${GREEN}"/>`,
    `<g transform="translate(${offset} ${offset}) scale(${scale})">`,
    finder(0, 0) + finder(224, 0) + finder(0, 224) + modules.join("") + PARCEL,
    `</g></svg>`,
  ].join("");
}

const ICONS = [
  { file: "icon-192.png", size: 192, rounded: true, scale: 1 },
  { file: "icon-512.png", size: 512, rounded: true, scale: 1 },
  // 280 of 512 units: the corners of the mark stay 198 units from the centre, inside the 205 safe circle.
  { file: "icon-maskable-512.png", size: 512, rounded: false, scale: 0.875 },
  { file: "apple-touch-icon.png", size: 180, rounded: false, scale: 0.9 },
] as const;

async function main(): Promise<void> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, "icon.svg"), svg({ rounded: true, scale: 1 }) + "\n");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    for (const icon of ICONS) {
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
      const markup = svg(icon).replace("<svg ", `<svg width="${icon.size}" height="${icon.size}" `);
      await page.setContent(`<html><body style="margin:0;background:transparent">${markup}</body></html>`);
      await page.locator("svg").screenshot({ path: path.join(OUT_DIR, icon.file), omitBackground: true });
      await page.close();
      console.log(`wrote public/icons/${icon.file} (${icon.size}×${icon.size})`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
