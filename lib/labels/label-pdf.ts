/**
 * Printable parcel labels as PDF: one label per thermal-sized page, or many
 * on A4 sheets. Pure: data in, bytes out, no database and no request context.
 *
 * A label carries only what the product spec allows: the QR (the parcel URL),
 * the carrier's name, the short code for manual entry and, if given, the item
 * name. The input type has no recipient fields, so none can be printed.
 */
import QRCode from "qrcode";
import { z } from "zod";
import {
  PDFDocument,
  concatTransformationMatrix,
  type PDFFont,
  type PDFOperator,
  type PDFPage,
  fill,
  grayscale,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingGrayscaleColor,
} from "pdf-lib";
import { parseParcelCode, shortCode } from "@/lib/parcels/code";
import {
  type LabelSize,
  type QrLayout,
  type TextSlot,
  PAGE_SIZES,
  SHEET,
  labelLayout,
  sheetCellOrigin,
} from "./label-layout";
import { labelFonts } from "./label-fonts";
import { cleanText, fitText, textWidth } from "./label-text";

export type { LabelSize } from "./label-layout";
export type LabelData = { url: string; code: string; carrierName: string; itemName?: string | null };

const CODE_CAPTION = "PARCEL CODE · 택배 코드";
const SCAN_CAPTION = ["Scan to see delivery details", "스캔하여 배송 정보 확인"];
/** A parcel URL is ~60 characters; anything near this is not one of ours. */
const MAX_URL_LENGTH = 512;
const BLACK = grayscale(0);

type Fonts = { regular: PDFFont; bold: PDFFont; covers: (codePoint: number) => boolean };

/** What gets printed, checked once so that drawing cannot fail half-way through a page. */
type PreparedLabel = { modules: QrMatrix; shortCode: string; carrier: string; item: string };
type QrMatrix = { size: number; isDark: (row: number, column: number) => boolean };

/**
 * The QR and the printed code must name the same parcel: a label whose QR
 * opens another parcel than the code typed by hand would be a silent mix-up.
 */
function prepare(label: LabelData, covers: Fonts["covers"]): PreparedLabel {
  const code = parseParcelCode(label.code);
  if (code === null) throw new TypeError("Label has an invalid parcel code");
  if (label.url.length > MAX_URL_LENGTH || !urlCarriesCode(label.url, code)) {
    throw new TypeError("Label URL does not point at the label's parcel code");
  }
  const carrier = cleanText(label.carrierName, covers);
  if (carrier === "") throw new TypeError("Label has no carrier name");
  const qr = QRCode.create(label.url, { errorCorrectionLevel: "M" }).modules;
  return {
    modules: { size: qr.size, isDark: (row, column) => qr.get(row, column) === 1 },
    shortCode: shortCode(code),
    carrier,
    item: cleanText(label.itemName ?? "", covers),
  };
}

function urlCarriesCode(url: string, code: string): boolean {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) && parsed.pathname.endsWith(`/p/${code}`);
  } catch {
    return false;
  }
}

/**
 * Dark modules as vector rectangles, one per horizontal run, all filled in a
 * single operation: edges stay sharp at any printer resolution and adjacent
 * modules leave no hairline seams between them. A transform puts the origin at
 * the symbol's top-left corner with one unit per module, y pointing down, so
 * the rectangles are small integers: a shorter content stream, written faster.
 */
function qrOperators(matrix: QrMatrix, layout: QrLayout, dx: number, dy: number): PDFOperator[] {
  const { moduleSize: m, symbol } = layout;
  const top = symbol.y + symbol.height + dy;
  const ops: PDFOperator[] = [
    pushGraphicsState(),
    concatTransformationMatrix(m, 0, 0, -m, symbol.x + dx, top),
    setFillingGrayscaleColor(0),
  ];
  for (let row = 0; row < matrix.size; row++) {
    let column = 0;
    while (column < matrix.size) {
      if (!matrix.isDark(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < matrix.size && matrix.isDark(row, column)) column++;
      ops.push(rectangle(start, row, column - start, 1));
    }
  }
  ops.push(fill(), popGraphicsState());
  return ops;
}

/** Draws fitted lines, each centred in the slot, the first one's ascender at the slot's top. */
function drawText(page: PDFPage, text: string, font: PDFFont, slot: TextSlot, dx: number, dy: number): void {
  if (text === "") return;
  const { size, lines } = fitText(text, font, slot);
  const ascent = font.heightAtSize(size, { descender: false });
  lines.forEach((line, index) => {
    const width = textWidth(font, line, size);
    const x = slot.x + dx + (slot.width - width) / 2;
    const y = slot.top + dy - ascent - index * slot.lineHeight;
    page.drawText(line, { x, y, size, font, color: BLACK });
  });
}

/** One label with its bottom-left corner at (dx, dy) on a page of the label's size or larger. */
function drawLabel(
  page: PDFPage,
  label: PreparedLabel,
  cell: { width: number; height: number },
  dx: number,
  dy: number,
  fonts: Fonts,
): void {
  const layout = labelLayout(cell, label.modules.size);
  drawText(page, label.carrier, fonts.bold, layout.carrier, dx, dy);
  for (const rule of layout.rules) {
    page.drawRectangle({ x: rule.x + dx, y: rule.y + dy, width: rule.width, height: rule.height, color: BLACK });
  }
  page.pushOperators(...qrOperators(label.modules, layout.qr, dx, dy));
  drawText(page, CODE_CAPTION, fonts.regular, layout.codeCaption, dx, dy);
  drawText(page, label.shortCode, fonts.bold, layout.code, dx, dy);
  drawText(page, label.item, fonts.regular, layout.item, dx, dy);
  SCAN_CAPTION.forEach((line, index) => {
    const slot = { ...layout.scanCaption, top: layout.scanCaption.top - index * layout.scanCaption.lineHeight };
    drawText(page, line, fonts.regular, { ...slot, maxLines: 1 }, dx, dy);
  });
}

async function newDocument(): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const bytes = await labelFonts();
  const doc = await PDFDocument.create();
  doc.registerFontkit(bytes.fontkit);
  // Subsetting keeps each PDF to the few dozen glyphs it uses instead of 2 MB per font.
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
  ]);
  doc.setTitle("EXQRESS parcel labels");
  doc.setCreator("EXQRESS");
  return { doc, fonts: { regular, bold, covers: bytes.covers } };
}

/** One label per page at the given thermal size. */
export async function renderLabelPdf(label: LabelData, size: LabelSize): Promise<Uint8Array> {
  return renderLabelPagesPdf([label], size);
}

/** Many labels, one per page at the given thermal size (a roll of 4x6 or A6 labels), in order. */
async function renderLabelPagesPdf(labels: LabelData[], size: LabelSize): Promise<Uint8Array> {
  if (labels.length === 0) throw new RangeError("No labels to print");
  const { doc, fonts } = await newDocument();
  // Validate the whole batch first: one bad label must not yield a half-printed PDF.
  const prepared = labels.map((label) => prepare(label, fonts.covers));
  for (const label of prepared) {
    const page = doc.addPage([PAGE_SIZES[size].width, PAGE_SIZES[size].height]);
    drawLabel(page, label, PAGE_SIZES[size], 0, 0, fonts);
  }
  return doc.save();
}

/** How a batch is printed: singles on 4x6 or A6 pages, or A4 sheets of four. */
const LABEL_LAYOUTS = ["4x6", "a6", "a4"] as const;
export type LabelLayoutChoice = (typeof LABEL_LAYOUTS)[number];
/** A layout as a request names it; A4 sheets of four unless it says otherwise. */
export const labelLayoutSchema = z
  .enum(LABEL_LAYOUTS, { error: `must be one of ${LABEL_LAYOUTS.join(", ")}` })
  .default("a4");

export function renderLabelBatchPdf(labels: LabelData[], layout: LabelLayoutChoice): Promise<Uint8Array> {
  return layout === "a4" ? renderLabelSheetPdf(labels) : renderLabelPagesPdf(labels, layout);
}

/** Light dashed lines between the cells, to cut plain A4 paper into labels. */
function drawCutLines(page: PDFPage): void {
  const style = { thickness: 0.4, color: grayscale(0.6), dashArray: [3, 3] };
  const { width, height } = SHEET.page;
  const middleX = SHEET.cell.width;
  const middleY = height - SHEET.cell.height;
  page.drawLine({ start: { x: middleX, y: 0 }, end: { x: middleX, y: height }, ...style });
  page.drawLine({ start: { x: 0, y: middleY }, end: { x: width, y: middleY }, ...style });
}

/** Many labels on A4 sheets, 2 × 2 A6-sized cells per page, filled row by row. */
export async function renderLabelSheetPdf(labels: LabelData[]): Promise<Uint8Array> {
  if (labels.length === 0) throw new RangeError("No labels to print");
  const { doc, fonts } = await newDocument();
  // Validate the whole batch first: one bad label must not yield a half-printed PDF.
  const prepared = labels.map((label) => prepare(label, fonts.covers));
  const perPage = SHEET.columns * SHEET.rows;
  for (let start = 0; start < prepared.length; start += perPage) {
    const page = doc.addPage([SHEET.page.width, SHEET.page.height]);
    drawCutLines(page);
    prepared.slice(start, start + perPage).forEach((label, offset) => {
      const origin = sheetCellOrigin(offset);
      drawLabel(page, label, SHEET.cell, origin.x, origin.y, fonts);
    });
  }
  return doc.save();
}
