import iconv from "iconv-lite";

export const IMPORT_ENCODINGS = ["utf-8", "cp949"] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/**
 * Tells UTF-8 from CP949 (Korean spreadsheet tools' "CSV") while a file streams past: a BOM
 * says UTF-8; otherwise the file is UTF-8 as long as every byte sequence is valid UTF-8,
 * which CP949's Korean text (lead bytes 0x81–0xFE, trail bytes below 0x80 among them) almost
 * never is. Plain ASCII is both; UTF-8 is then as good an answer as any.
 */
export class EncodingSniffer {
  private decoder = new TextDecoder("utf-8", { fatal: true });
  private first = true;
  private verdict: ImportEncoding | null = null;

  write(chunk: Uint8Array): void {
    if (this.verdict) return;
    if (this.first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) this.verdict = "utf-8";
    this.first = false;
    if (this.verdict) return;
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.verdict = "cp949";
    }
  }

  end(): ImportEncoding {
    if (this.verdict) return this.verdict;
    try {
      this.decoder.decode();
      return "utf-8";
    } catch {
      return "cp949"; // ended in the middle of a multi-byte sequence
    }
  }
}

/** A streaming decoder (a BOM is dropped), so a character split across chunks is kept whole. */
export function decoderFor(encoding: ImportEncoding) {
  return iconv.getDecoder(encoding, { stripBOM: true });
}
