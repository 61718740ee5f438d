import { chromium, devices, type Browser, type BrowserContext } from "@playwright/test";

/**
 * A Chromium of its own for camera tests: the fake camera plays a Y4M file chosen at launch, so
 * each video needs its own browser. With `permission: "accept"` the camera prompt is answered yes
 * (`--use-fake-ui-for-media-stream`); with "deny" it is refused, as by a user tapping "Block".
 */
export async function launchWithCamera(video: string, permission: "accept" | "deny" = "accept"): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
      permission === "accept" ? "--use-fake-ui-for-media-stream" : "--deny-permission-prompts",
    ],
  });
}

/** A phone-sized context (390×844, touch), like the default project, with a track counter. */
export async function phoneContext(browser: Browser, baseURL: string, locale = "en-US"): Promise<BrowserContext> {
  const context = await browser.newContext({
    ...devices["Pixel 7"],
    viewport: { width: 390, height: 844 },
    baseURL,
    locale,
  });
  // Every video track the app opens, so a test can assert that at most one is ever live.
  await context.addInitScript(() => {
    const media = navigator.mediaDevices;
    if (!media) return;
    const tracks: MediaStreamTrack[] = [];
    (window as unknown as { __exqTracks: MediaStreamTrack[] }).__exqTracks = tracks;
    const original = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      tracks.push(...stream.getVideoTracks());
      return stream;
    };
  });
  return context;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
