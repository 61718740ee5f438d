/**
 * Rendered pages kept in memory, least recently used out first, bounded by bytes.
 * Each entry carries the fingerprint of the data it was rendered from; a reader
 * only uses it when the current data has the same fingerprint, so a change to
 * the data (which changes the fingerprint) makes the old rendering unreachable.
 */
export type CachedPage = {
  fingerprint: string;
  headers: Record<string, string | string[]>;
  body: Buffer;
  gzipped: Buffer;
};

const size = (page: CachedPage) => page.body.length + page.gzipped.length + page.fingerprint.length;

export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The page stored under `key`, if it was rendered from data with this fingerprint. */
  get(key: string, fingerprint: string): CachedPage | null {
    const page = this.pages.get(key);
    if (!page || page.fingerprint !== fingerprint) return null;
    // Re-inserting moves the key to the end of the Map's order: the most recently used.
    this.pages.delete(key);
    this.pages.set(key, page);
    return page;
  }

  set(key: string, page: CachedPage): void {
    this.delete(key);
    if (size(page) > this.maxBytes) return;
    this.pages.set(key, page);
    this.bytes += size(page);
    for (const [oldest, old] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= size(old);
    }
  }

  private delete(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= size(page);
  }
}
