/**
 * The second pass for dark frames (lib/scan/contrast.ts, lib/scan/decode-frame.ts): what it
 * measures, what it produces, and that it reads near-black frames the polyfill alone does not.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { pickCode, type CodeDetector } from "@/lib/scan/barcode";
import { isLowContrast, lumaRange, stretchContrast } from "@/lib/scan/contrast";
import { decodeFrame } from "@/lib/scan/decode-frame";
import { degradedCorpus } from "@/tests/support/scan/corpus";
import { dim, noise } from "@/tests/support/scan/degrade";
import { random, toImageData } from "@/tests/support/scan/gray";
import { nodeDetector } from "@/tests/support/scan/node-detector";
import { renderClean } from "@/tests/support/scan/render";

const URL = "http://localhost:3900/p/0ABCDEFGHJKMNPQRSTVWXYZ01";

let detector: CodeDetector;
beforeAll(async () => {
  detector = await nodeDetector();
});

describe("contrast", () => {
  it("finds a near-black frame flat and a printed label not", () => {
    const label = renderClean(URL, 6, 20, 235);
    expect(isLowContrast(lumaRange(toImageData(label)))).toBe(false);
    const dark = toImageData(noise(dim(label, 0.05), 1.5, random(1)));
    const range = lumaRange(dark);
    expect(range.high).toBeLessThan(20);
    expect(isLowContrast(range)).toBe(true);
  });

  it("stretches the frame's own range to black and white", () => {
    const dark = toImageData(dim(renderClean(URL, 6, 20, 235), 0.05));
    const stretched = stretchContrast(dark, lumaRange(dark));
    expect(lumaRange(stretched)).toEqual({ low: 0, high: 255 });
  });
});

describe("the second pass", () => {
  it("reads dim frames that one pass of the polyfill misses, and misreads none", async () => {
    let onePass = 0;
    let twoPasses = 0;
    let samples = 0;
    for (const { text, frame } of degradedCorpus("http://localhost:3900", 24, 7, ["dim"])) {
      samples++;
      const image = toImageData(frame);
      if (pickCode(await detector.detect(image))?.rawValue === text) onePass++;
      const found = await decodeFrame(detector, image);
      if (found) expect(found.rawValue).toBe(text);
      if (found?.rawValue === text) twoPasses++;
    }
    console.log(`[figure] dim frames: one pass ${onePass}/${samples}, with the second pass ${twoPasses}/${samples}`);
    expect(twoPasses).toBeGreaterThan(onePass);
    expect(twoPasses).toBeGreaterThanOrEqual(samples - 1);
  }, 600_000);
});
