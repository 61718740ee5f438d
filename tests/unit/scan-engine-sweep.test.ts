/**
 * Every clean label reads: 1,000 fresh parcel URLs from our own code generator, rendered black on
 * white from 3 to 13 pixels per module, decoded by the engine the app ships (the `barcode-detector`
 * polyfill with the app's formats and options, through the app's decodeFrame). Each URL is tried
 * at two sizes, a small one (3–5) and a larger one (6–13), in turn, so every size sees 90+ codes
 * (every URL at every size passed too, in 3 minutes instead of 30 s: `SWEEP_ALL_SIZES=1`).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parcelCodeSource, parcelUrl } from "@/lib/parcels/code";
import type { CodeDetector } from "@/lib/scan/barcode";
import { decodeFrame } from "@/lib/scan/decode-frame";
import { toImageData } from "@/tests/support/scan/gray";
import { nodeDetector } from "@/tests/support/scan/node-detector";
import { renderClean } from "@/tests/support/scan/render";

const PUBLIC_URL = "http://localhost:3900";
const CODES = 1000;
const SCALES = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

let detector: CodeDetector;
beforeAll(async () => {
  detector = await nodeDetector();
});

describe("the clean sweep", () => {
  it(`reads ${CODES} random parcel URLs at ${SCALES[0]}–${SCALES.at(-1)} px/module, all of them`, async () => {
    const nextCode = parcelCodeSource();
    const misses: string[] = [];
    const perScale = new Map(SCALES.map((scale) => [scale, 0]));
    for (let i = 0; i < CODES; i++) {
      const url = parcelUrl(PUBLIC_URL, nextCode());
      const scales = process.env.SWEEP_ALL_SIZES ? SCALES : [SCALES[i % 3]!, SCALES[3 + (i % 8)]!];
      for (const scale of scales) {
        const found = await decodeFrame(detector, toImageData(renderClean(url, scale)));
        if (found?.rawValue === url && found.format === "qr_code") perScale.set(scale, perScale.get(scale)! + 1);
        else misses.push(`${url} at ${scale} px/module: ${found ? `read "${found.rawValue}"` : "nothing"}`);
      }
    }
    console.log(`[figure] clean sweep, ${CODES} codes: ${SCALES.map((s) => `${s}px ${perScale.get(s)}`).join(", ")}`);
    expect(misses).toEqual([]);
  }, 600_000);
});
