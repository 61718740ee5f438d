import { parcelCodeSource, parcelUrl } from "@/lib/parcels/code";
import { blur, dim, glare, jpegRoundTrip, motionBlur, noise } from "./degrade";
import { random, type Gray } from "./gray";
import { renderScene, type Scene } from "./render";

/**
 * Synthetic photos of labels, generated at test time: a 1280×720 frame, as a phone camera gives the
 * scanner, with one kind of damage per family. The damage is seeded (the same on every run); the
 * parcel codes are fresh from our generator, so every run also tries new QR patterns.
 */
export const FAMILIES = [
  "clean",
  "rotated",
  "perspective",
  "small",
  "blur",
  "motion",
  "dim",
  "glare",
  "jpeg",
  "noisy",
  "crumple",
  "combo-geometry",
  "combo-light",
] as const;
export type Family = (typeof FAMILIES)[number];

/** The families the scanner must read every time: a failure there is a defect, not bad luck. */
export const MUST_READ: readonly Family[] = ["clean", "rotated", "small", "jpeg", "noisy"];

export type Sample = { family: Family; text: string; frame: Gray; note: string };

const WIDTH = 1280;
const HEIGHT = 720;

type Rnd = () => number;
const between = (rnd: Rnd, low: number, high: number) => low + (high - low) * rnd();

function scene(rnd: Rnd, overrides: Partial<Scene> = {}): Scene {
  return {
    width: WIDTH,
    height: HEIGHT,
    scale: between(rnd, 5, 9),
    angle: between(rnd, -0.08, 0.08),
    tilt: 0,
    cx: WIDTH / 2 + between(rnd, -200, 200),
    cy: HEIGHT / 2 + between(rnd, -60, 60),
    ink: between(rnd, 10, 50),
    paper: between(rnd, 200, 245),
    crumple: 0,
    seed: rnd() * 100,
    ...overrides,
  };
}

/** The part of the frame the label can cover (JPEG is coded there only, see jpegRoundTrip). */
const around = (s: Scene, side = 45): number[] => {
  const reach = side * s.scale * 0.75 * (1 + s.tilt) + 16;
  return [s.cx - reach, s.cy - reach, s.cx + reach, s.cy + reach];
};

/** One sample of a family: the scene it is photographed in, then its damage. */
function sample(family: Family, text: string, rnd: Rnd): { frame: Gray; note: string } {
  const shot = (overrides: Partial<Scene> = {}) => renderScene(text, scene(rnd, overrides));
  const r = (low: number, high: number) => between(rnd, low, high);
  switch (family) {
    case "clean":
      return { frame: shot(), note: "" };
    case "rotated": {
      const angle = r(0.15, Math.PI * 2 - 0.15);
      return { frame: shot({ angle }), note: `${Math.round((angle * 180) / Math.PI)}°` };
    }
    case "perspective": {
      const tilt = r(0.25, 0.6);
      return { frame: shot({ tilt, angle: r(-0.3, 0.3) }), note: `tilt ${tilt.toFixed(2)}` };
    }
    case "small": {
      const scale = r(3, 3.6);
      return { frame: shot({ scale }), note: `${scale.toFixed(1)} px/module` };
    }
    case "blur": {
      const sigma = r(1, 2.6);
      return { frame: blur(shot({ scale: r(6, 9) }), sigma), note: `sigma ${sigma.toFixed(1)}` };
    }
    case "motion": {
      const length = r(4, 13);
      return { frame: motionBlur(shot({ scale: r(6, 9) }), length, r(0, Math.PI)), note: `${length.toFixed(0)} px` };
    }
    case "dim": {
      const level = r(0.03, 0.15);
      return { frame: noise(dim(shot(), level), r(1, 3), rnd), note: `${Math.round(level * 100)}% light` };
    }
    case "glare": {
      const s = scene(rnd);
      const frame = renderScene(text, s);
      const strength = r(0.5, 0.9);
      const spot = glare(frame, s.cx + r(-80, 80), s.cy + r(-80, 80), r(50, 120), strength);
      return { frame: spot, note: `strength ${strength.toFixed(2)}` };
    }
    case "jpeg": {
      const s = scene(rnd, { scale: r(4, 8) });
      const quality = Math.round(r(15, 40));
      return { frame: jpegRoundTrip(renderScene(text, s), quality, around(s)), note: `q${quality}` };
    }
    case "noisy": {
      const sigma = r(10, 30);
      return { frame: noise(shot(), sigma, rnd), note: `sigma ${sigma.toFixed(0)}` };
    }
    case "crumple": {
      const crumple = r(0.8, 4.5);
      return { frame: shot({ crumple, scale: r(6, 9) }), note: `${crumple.toFixed(1)} px` };
    }
    case "combo-geometry": {
      const s = scene(rnd, { angle: r(0, Math.PI * 2), tilt: r(0.1, 0.35), scale: r(5, 8) });
      const frame = blur(renderScene(text, s), r(0.8, 1.6));
      return { frame: jpegRoundTrip(frame, Math.round(r(25, 45)), around(s)), note: "rotate+tilt+blur+jpeg" };
    }
    case "combo-light": {
      const s = scene(rnd, { angle: r(0, Math.PI * 2) });
      const frame = noise(dim(renderScene(text, s), r(0.1, 0.3)), r(3, 6), rnd);
      return { frame: jpegRoundTrip(frame, Math.round(r(30, 50)), around(s)), note: "rotate+dim+noise+jpeg" };
    }
  }
}

/** `perFamily` samples of each family, each of its own fresh parcel URL under `publicUrl`. */
export function* degradedCorpus(
  publicUrl: string,
  perFamily: number,
  seed = 19,
  families: readonly Family[] = FAMILIES,
): Generator<Sample> {
  const rnd = random(seed);
  const nextCode = parcelCodeSource();
  for (const family of families) {
    for (let i = 0; i < perFamily; i++) {
      const text = parcelUrl(publicUrl, nextCode());
      yield { family, text, ...sample(family, text, rnd) };
    }
  }
}
