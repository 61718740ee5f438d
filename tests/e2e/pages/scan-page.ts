import type { Locator, Page } from "@playwright/test";

/** /scan as a person uses it: the viewfinder, the live announcements and the two fallbacks. */
export class ScanPage {
  readonly viewfinder: Locator;
  readonly notice: Locator;
  readonly problem: Locator;
  readonly photoInput: Locator;
  readonly codeInput: Locator;
  readonly openButton: Locator;
  readonly results: Locator;

  constructor(readonly page: Page) {
    this.viewfinder = page.locator(".viewfinder");
    this.notice = page.locator(".scan-notice");
    this.problem = page.locator(".camera-problem");
    this.photoInput = page.getByLabel("Find the QR in a photo");
    this.codeInput = page.getByLabel("Type the label's code");
    this.openButton = page.getByRole("button", { name: "Open", exact: true });
    this.results = page.locator(".scan-list > li");
  }

  async goto(query = "") {
    await this.page.goto(`/scan${query}`);
  }

  /** Resolves when html5-qrcode's video is playing (checked every animation frame, for timing). */
  async cameraRunning(timeout = 15_000) {
    await this.page.waitForFunction(() => document.querySelector('.viewfinder[data-camera="running"]') !== null, null, {
      polling: "raf",
      timeout,
    });
  }

  /** Video tracks the page has opened and not stopped (counted by an init script, see scan.spec.ts). */
  async liveVideoTracks(): Promise<number> {
    return this.page.evaluate(() => {
      const tracks = (window as unknown as { __exqTracks?: MediaStreamTrack[] }).__exqTracks ?? [];
      return tracks.filter((track) => track.readyState === "live").length;
    });
  }
}
