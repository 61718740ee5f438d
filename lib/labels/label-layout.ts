/**
 * Pure geometry of a parcel label, in PDF points (1/72 inch, origin at the
 * bottom-left). Kept free of pdf-lib so tests can check the print rules (module
 * size, quiet zone, nothing drawn over the QR's margin) without rendering.
 */

export type LabelSize = "4x6" | "a6";

export type Box = { x: number; y: number; width: number; height: number };

/** Where one block of text goes: top edge of its first line, and what it may take. */
export type TextSlot = {
  x: number;
  top: number;
  width: number;
  maxSize: number;
  minSize: number;
  maxLines: number;
  /** Distance between baselines when the text wraps. */
  lineHeight: number;
};

export type QrLayout = {
  /** Number of modules per side of the symbol itself (from the QR matrix). */
  modules: number;
  /** Side of one module, in pt. */
  moduleSize: number;
  /** The symbol's bounding box, quiet zone excluded. */
  symbol: Box;
  /** The symbol plus the quiet zone: nothing but white may be drawn in here. */
  quietBox: Box;
  quietModules: number;
};

export type LabelLayout = {
  page: { width: number; height: number };
  carrier: TextSlot;
  qr: QrLayout;
  codeCaption: TextSlot;
  code: TextSlot;
  item: TextSlot;
  scanCaption: TextSlot;
  /** Thin black rules separating header, QR and footer. */
  rules: Box[];
};

export const PT_PER_MM = 72 / 25.4;

export const PAGE_SIZES: Record<LabelSize | "a4", { width: number; height: number }> = {
  "4x6": { width: 4 * 72, height: 6 * 72 },
  a6: { width: 105 * PT_PER_MM, height: 148 * PT_PER_MM },
  a4: { width: 210 * PT_PER_MM, height: 297 * PT_PER_MM },
};

/** ISO 18004 asks for 4 modules of quiet zone; less makes phone cameras miss the code. */
const QUIET_MODULES = 4;
/** Below 0.5 mm a module blurs on 203-dpi thermal heads (4 dots) and cheap phone cameras. */
const MIN_MODULE_MM = 0.5;
/**
 * Larger modules scan from further away, but past ~2 mm the code only eats
 * room the text needs.
 */
const MAX_MODULE_MM = 2;
/**
 * One dot of the most common thermal heads (203 dpi). Snapping module size and
 * QR origin to whole dots keeps every module the same width on paper instead
 * of some 5 and some 6 dots wide, which is what makes thermal QR codes fail.
 */
const THERMAL_DOT_PT = 72 / 203;

/** Office and thermal printers cannot print the outer ~4 mm; 6 mm keeps text safe. */
const MARGIN = 6 * PT_PER_MM;
const GAP = 6;
const CARRIER_BLOCK = 30;
const CODE_CAPTION_BLOCK = 11;
const CODE_BLOCK = 22;
const ITEM_LINE = 13;
const ITEM_LINES = 2;
const SCAN_CAPTION_BLOCK = 20;

const snapDown = (value: number) => Math.floor(value / THERMAL_DOT_PT) * THERMAL_DOT_PT;
const snap = (value: number) => Math.round(value / THERMAL_DOT_PT) * THERMAL_DOT_PT;

/**
 * Places the QR symbol (with its quiet zone) centred in `area`, with the
 * largest module, in whole thermal dots, that fits and is at most 2 mm.
 * Throws when even 0.5 mm modules do not fit: such a label would not scan.
 */
function placeQr(area: Box, modules: number): QrLayout {
  const total = modules + 2 * QUIET_MODULES;
  const fit = Math.min(area.width, area.height) / total;
  const moduleSize = snapDown(Math.min(fit, MAX_MODULE_MM * PT_PER_MM));
  if (moduleSize < MIN_MODULE_MM * PT_PER_MM) {
    throw new RangeError(`A ${modules}-module QR code does not fit the label with ${MIN_MODULE_MM} mm modules`);
  }
  const side = modules * moduleSize;
  const quiet = QUIET_MODULES * moduleSize;
  const x = snap(area.x + (area.width - side) / 2);
  const y = snap(area.y + (area.height - side) / 2);
  return {
    modules,
    moduleSize,
    quietModules: QUIET_MODULES,
    symbol: { x, y, width: side, height: side },
    quietBox: { x: x - quiet, y: y - quiet, width: side + 2 * quiet, height: side + 2 * quiet },
  };
}

/**
 * The whole label for a page of `page` size: carrier name on top, the QR in
 * the middle, then the short code, the item name and a scan hint at the bottom.
 * The footer keeps the same height whether or not an item name is printed, so
 * every label of a batch has its QR in the same place.
 */
export function labelLayout(page: { width: number; height: number }, modules: number): LabelLayout {
  const left = MARGIN;
  const width = page.width - 2 * MARGIN;
  const top = page.height - MARGIN;
  const slot = (slotTop: number, maxSize: number, minSize: number, maxLines = 1): TextSlot => ({
    x: left,
    top: slotTop,
    width,
    maxSize,
    minSize,
    maxLines,
    lineHeight: maxSize * 1.2,
  });

  const carrier = slot(top, 22, 12);
  const headerRule = top - CARRIER_BLOCK;

  const scanCaptionTop = MARGIN + SCAN_CAPTION_BLOCK;
  const itemTop = scanCaptionTop + GAP + ITEM_LINE * ITEM_LINES;
  const codeTop = itemTop + GAP + CODE_BLOCK;
  const codeCaptionTop = codeTop + CODE_CAPTION_BLOCK;
  const footerRule = codeCaptionTop + GAP;

  const qrArea: Box = { x: left, y: footerRule + 1, width, height: headerRule - footerRule - 2 };
  return {
    page,
    carrier,
    qr: placeQr(qrArea, modules),
    codeCaption: slot(codeCaptionTop, 7, 7),
    code: slot(codeTop, 17, 9),
    item: { ...slot(itemTop, 11, 11, ITEM_LINES), lineHeight: ITEM_LINE },
    scanCaption: { ...slot(scanCaptionTop, 7.5, 6, 2), lineHeight: SCAN_CAPTION_BLOCK / 2 },
    rules: [
      { x: left, y: headerRule, width, height: 0.75 },
      { x: left, y: footerRule, width, height: 0.75 },
    ],
  };
}

/** Layout of a label printed alone on a `size` page; `modules` comes from the QR matrix. */
export function qrLayout(size: LabelSize, modules: number): QrLayout {
  return labelLayout(PAGE_SIZES[size], modules).qr;
}

/** A4 holds 2 × 2 A6 (with 1 mm to spare at the bottom), so each sheet cell is an A6 label. */
export const SHEET = { columns: 2, rows: 2, cell: PAGE_SIZES.a6, page: PAGE_SIZES.a4 } as const;

/** Bottom-left corner of cell `index` (0 = top-left, row by row) on an A4 sheet. */
export function sheetCellOrigin(index: number): { x: number; y: number } {
  const slotOnPage = index % (SHEET.columns * SHEET.rows);
  const column = slotOnPage % SHEET.columns;
  const row = Math.floor(slotOnPage / SHEET.columns);
  return { x: column * SHEET.cell.width, y: SHEET.page.height - (row + 1) * SHEET.cell.height };
}
