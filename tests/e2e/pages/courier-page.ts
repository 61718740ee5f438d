import type { Locator, Page } from "@playwright/test";

/** /courier as a courier uses it: cards by parcel code, buttons by their visible names. */
export class CourierPage {
  readonly outbox: Locator;
  readonly revealed: Locator;

  constructor(readonly page: Page) {
    this.outbox = page.getByTestId("outbox");
    this.revealed = page.getByTestId("revealed-address");
  }

  async goto() {
    await this.page.goto("/courier");
  }

  /** The card of one parcel in the grouped list (not in the scanner). */
  card(code: string): Locator {
    return this.page.locator(`section[aria-labelledby^="group-"] li[data-code="${code}"]`);
  }

  group(name: string): Locator {
    return this.page.getByRole("region", { name: new RegExp(`^${name} \\d+$`) });
  }

  async tap(code: string, action: string) {
    await this.card(code).getByRole("button", { name: action, exact: true }).click();
  }

  async failedAttempt(code: string, reason: string) {
    await this.tap(code, "Failed attempt");
    await this.card(code).getByRole("radio", { name: reason }).check();
    await this.card(code).getByRole("button", { name: "Confirm" }).click();
  }

  async deliverWithPhoto(code: string, jpeg: Buffer) {
    await this.tap(code, "Delivered");
    const card = this.card(code);
    await card.getByLabel("Photo of the delivered parcel").setInputFiles({
      name: "door.jpg",
      mimeType: "image/jpeg",
      buffer: jpeg,
    });
    await card.getByText("Photo attached").waitFor();
    await card.getByRole("button", { name: "Confirm" }).click();
  }

  /** Everything this origin keeps in IndexedDB and in the service worker's caches, as text. */
  async storedText(): Promise<string> {
    return this.page.evaluate(async () => {
      const parts: string[] = [];
      for (const info of await indexedDB.databases()) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(info.name!);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        for (const store of Array.from(db.objectStoreNames)) {
          const all = await new Promise<unknown[]>((resolve) => {
            const request = db.transaction(store).objectStore(store).getAll();
            request.onsuccess = () => resolve(request.result);
          });
          parts.push(JSON.stringify(all));
        }
        db.close();
      }
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          parts.push(request.url, await ((await cache.match(request))?.text() ?? ""));
        }
      }
      return parts.join("\n");
    });
  }
}

/** A real JPEG, drawn by the browser, as a camera would hand it over. */
export async function cameraJpeg(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement("canvas");
    canvas.width = 2000;
    canvas.height = 1500;
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#8a6";
    context.fillRect(0, 0, 2000, 1500);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), "image/jpeg", 0.9));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
  });
  return Buffer.from(base64, "base64");
}
