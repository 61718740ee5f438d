/**
 * Text fitting for labels: clean a free-text field into one printable line,
 * then shrink and wrap it into its slot, ellipsizing what still does not fit.
 * Nothing may overflow onto the QR's quiet zone or off the label.
 */
import type { PDFFont } from "pdf-lib";
import type { TextSlot } from "./label-layout";

/** Longest text worth laying out; anything past it would be ellipsized anyway. */
const MAX_TEXT_CHARS = 200;
const ELLIPSIS = "…";

/**
 * One line of printable text: NFC (so Hangul is composed syllables, not jamo),
 * whitespace and control characters collapsed, and characters the font lacks
 * shown as "?" rather than as an invisible .notdef box.
 */
export function cleanText(raw: string, covers: (codePoint: number) => boolean): string {
  const collapsed = raw
    .normalize("NFC")
    .replace(/[\s\p{Cc}\p{Cf}]+/gu, " ")
    .trim();
  return Array.from(collapsed)
    .slice(0, MAX_TEXT_CHARS)
    .map((char) => (covers(char.codePointAt(0) ?? 0) ? char : "?"))
    .join("");
}

export type FittedText = { size: number; lines: string[] };

type Fits = (text: string) => boolean;

/** Number of leading characters of `chars` that fit on one line (at least 1, so wrapping always advances). */
function fittingPrefix(chars: string[], fits: Fits): number {
  let low = 1;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(chars.slice(0, mid).join(""))) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Greedy wrap, breaking at a space when the line has one and anywhere
 * otherwise (Korean may break between any two syllables). Stops after `limit`
 * lines: the caller only needs to know that the text overflows.
 */
function wrap(text: string, fits: Fits, limit: number): string[] {
  const lines: string[] = [];
  let rest = Array.from(text);
  while (rest.length > 0 && lines.length < limit) {
    let cut = fits(rest.join("")) ? rest.length : fittingPrefix(rest, fits);
    if (cut < rest.length) {
      const space = rest.lastIndexOf(" ", cut);
      if (space > 0) cut = space;
    }
    lines.push(rest.slice(0, cut).join("").trimEnd());
    rest = Array.from(rest.slice(cut).join("").trimStart());
  }
  if (rest.length > 0) lines.push(rest.join(""));
  return lines;
}

function ellipsize(line: string, fits: Fits): string {
  const chars = Array.from(line);
  while (chars.length > 0 && !fits(chars.join("") + ELLIPSIS)) chars.pop();
  return chars.join("").trimEnd() + ELLIPSIS;
}

/**
 * Widths at 1 pt, per embedded font. Widths scale linearly with the size, and
 * the captions and carrier name repeat on every label of a batch, so each text
 * is laid out by fontkit (the slow part) once per document.
 */
const unitWidths = new WeakMap<PDFFont, Map<string, number>>();

export function textWidth(font: PDFFont, text: string, size: number): number {
  let widths = unitWidths.get(font);
  if (widths === undefined) unitWidths.set(font, (widths = new Map()));
  let width = widths.get(text);
  if (width === undefined) widths.set(text, (width = font.widthOfTextAtSize(text, 1)));
  return width * size;
}

/**
 * The largest size (in 0.5 pt steps, within the slot's range) at which `text`
 * fits the slot's width in at most `maxLines` lines; at the smallest size,
 * what still overflows is cut and marked with an ellipsis.
 */
export function fitText(text: string, font: PDFFont, slot: TextSlot): FittedText {
  const fitsAt =
    (size: number): Fits =>
    (line) =>
      textWidth(font, line, size) <= slot.width;
  // No size above the one at which the text fills every line end to end can work.
  const upperBound = Math.floor(((slot.width * slot.maxLines) / textWidth(font, text, 1)) * 2) / 2;
  for (let size = Math.min(slot.maxSize, upperBound); size >= slot.minSize; size -= 0.5) {
    const lines = wrap(text, fitsAt(size), slot.maxLines);
    if (lines.length <= slot.maxLines) return { size, lines };
  }
  const size = slot.minSize;
  const lines = wrap(text, fitsAt(size), slot.maxLines).slice(0, slot.maxLines);
  const last = lines.length - 1;
  lines[last] = ellipsize(lines[last] ?? "", fitsAt(size));
  return { size, lines };
}
