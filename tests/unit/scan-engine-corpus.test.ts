/**
 * Damaged labels: a corpus of synthetic 1280×720 photos generated here (blur, motion blur,
 * rotation, perspective, a small QR in a large frame, dim light, glare, JPEG q15–40, sensor noise,
 * crumples, and combinations), decoded by the app's engine and decodeFrame, as the camera would.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { CodeDetector } from "@/lib/scan/barcode";
import { decodeFrame } from "@/lib/scan/decode-frame";
import { degradedCorpus, FAMILIES, MUST_READ, type Family } from "@/tests/support/scan/corpus";
import { toImageData } from "@/tests/support/scan/gray";
import { nodeDetector } from "@/tests/support/scan/node-detector";

const PER_FAMILY = 36;

let detector: CodeDetector;
beforeAll(async () => {
  detector = await nodeDetector();
});

describe("the degraded corpus", () => {
  it("reads at least 84% overall, every clean, rotated, small, JPEG and noisy frame, and nothing wrong", async () => {
    const read = new Map<Family, number>(FAMILIES.map((family) => [family, 0]));
    const misses: string[] = [];
    const wrong: string[] = [];
    for (const { family, text, frame, note } of degradedCorpus("http://localhost:3900", PER_FAMILY)) {
      const found = await decodeFrame(detector, toImageData(frame));
      if (found?.rawValue === text) read.set(family, read.get(family)! + 1);
      else if (found && found.format === "qr_code") wrong.push(`${family} (${note}): "${found.rawValue}" for ${text}`);
      else misses.push(`${family} (${note})`);
    }
    const total = [...read.values()].reduce((a, b) => a + b, 0);
    const rate = total / (FAMILIES.length * PER_FAMILY);
    for (const family of FAMILIES) console.log(`[figure] ${family}: ${read.get(family)}/${PER_FAMILY}`);
    console.log(`[figure] overall ${(rate * 100).toFixed(1)}%; missed: ${misses.join(", ")}`);
    expect(wrong).toEqual([]);
    expect(MUST_READ.filter((family) => read.get(family) !== PER_FAMILY)).toEqual([]);
    expect(rate).toBeGreaterThanOrEqual(0.84);
  }, 600_000);
});
