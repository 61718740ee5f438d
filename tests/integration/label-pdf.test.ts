/**
 * Label PDFs checked the way a printer and a phone see them: poppler renders
 * and extracts the real PDF bytes, jsQR decodes the rendered pixels.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { PDFDocument } from "pdf-lib";
import { PNG } from "pngjs";
import QRCode from "qrcode";
import { afterAll, describe, expect, it } from "vitest";
import {
  type Box,
  PAGE_SIZES,
  PT_PER_MM,
  SHEET,
  labelLayout,
  qrLayout,
  sheetCellOrigin,
} from "@/lib/labels/label-layout";
import { type LabelData, type LabelSize, renderLabelPdf, renderLabelSheetPdf } from "@/lib/labels/label-pdf";
import { newParcelCode, parcelUrl, shortCode } from "@/lib/parcels/code";

const DPI = 300;
const PX_PER_PT = DPI / 72;
const CODE = "0ABCDEFGHJKMNPQRSTVWXYZ123";
const LABEL: LabelData = {
  url: parcelUrl("http://localhost:3000", CODE),
  code: CODE,
  carrierName: "CJ대한통운",
  itemName: "무선 이어폰",
};
const PHONE = /01[016789][-. ]?\d{3,4}[-. ]?\d{4}|010-/;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exq-labels-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function writePdf(bytes: Uint8Array): string {
  const file = path.join(dir, `label-${fileCount++}.pdf`);
  fs.writeFileSync(file, bytes);
  return file;
}

const pdfText = (file: string) => execFileSync("pdftotext", [file, "-"]).toString("utf8");
const textLines = (file: string) =>
  pdfText(file)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

function renderPage(file: string, page: number): PNG {
  const prefix = path.join(dir, `page-${fileCount++}`);
  execFileSync("pdftoppm", [
    "-r",
    String(DPI),
    "-png",
    "-f",
    String(page),
    "-l",
    String(page),
    "-singlefile",
    file,
    prefix,
  ]);
  return PNG.sync.read(fs.readFileSync(`${prefix}.png`));
}

/** Box in pt (PDF, origin bottom-left) → pixel rectangle (image, origin top-left). */
function toPixels(box: Box, pageHeight: number) {
  return {
    left: Math.round(box.x * PX_PER_PT),
    top: Math.round((pageHeight - box.y - box.height) * PX_PER_PT),
    width: Math.round(box.width * PX_PER_PT),
    height: Math.round(box.height * PX_PER_PT),
  };
}

function decodeQr(png: PNG, region = { left: 0, top: 0, width: png.width, height: png.height }): string | null {
  const rgba = new Uint8ClampedArray(region.width * region.height * 4);
  for (let row = 0; row < region.height; row++) {
    const start = ((region.top + row) * png.width + region.left) * 4;
    rgba.set(png.data.subarray(start, start + region.width * 4), row * region.width * 4);
  }
  return jsQR(rgba, region.width, region.height)?.data ?? null;
}

const gray = (png: PNG, x: number, y: number) => png.data[(y * png.width + x) * 4] ?? -1;

type Word = { text: string; box: Box };
/** Word boxes from `pdftotext -bbox`, converted to PDF coordinates. */
function words(file: string, pageHeight: number): Word[] {
  const html = execFileSync("pdftotext", ["-bbox", file, "-"]).toString("utf8");
  const pattern = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  return [...html.matchAll(pattern)].map(([, x0, y0, x1, y1, text]) => ({
    text: text ?? "",
    box: { x: Number(x0), y: pageHeight - Number(y1), width: Number(x1) - Number(x0), height: Number(y1) - Number(y0) },
  }));
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const modulesOf = (url: string) => QRCode.create(url, { errorCorrectionLevel: "M" }).modules.size;

describe.each<LabelSize>(["4x6", "a6"])("renderLabelPdf %s", (size) => {
  const page = PAGE_SIZES[size];
  const layout = labelLayout(page, modulesOf(LABEL.url));
  const file = (async () => writePdf(await renderLabelPdf(LABEL, size)))();

  it("is one page of the thermal size", async () => {
    const doc = await PDFDocument.load(fs.readFileSync(await file));
    expect(doc.getPageCount()).toBe(1);
    const actual = doc.getPage(0).getSize();
    expect(actual.width).toBeCloseTo(page.width, 1);
    expect(actual.height).toBeCloseTo(page.height, 1);
  });

  it("prints carrier, short code and Korean item name, and nothing like a phone number", async () => {
    const text = pdfText(await file);
    expect(text).toContain("CJ대한통운");
    expect(text).toContain(shortCode(CODE));
    expect(text).toContain("무선 이어폰");
    expect(text).toContain("스캔하여 배송 정보 확인");
    expect(text).not.toMatch(PHONE);
  });

  it("has a QR that decodes to the exact URL, drawn as vectors not as an image", async () => {
    expect(decodeQr(renderPage(await file, 1))).toBe(LABEL.url);
    const images = execFileSync("pdfimages", ["-list", await file])
      .toString("utf8")
      .trim()
      .split("\n");
    expect(images).toHaveLength(2); // header lines only
  });

  it("draws modules of at least 0.5 mm with a white quiet zone of 4 modules", async () => {
    const png = renderPage(await file, 1);
    const symbol = toPixels(layout.qr.symbol, page.height);
    const quiet = toPixels(layout.qr.quietBox, page.height);
    // The finder pattern's top edge is a run of 7 dark modules: measure it on paper.
    const y = symbol.top + 2;
    let x = symbol.left;
    while (gray(png, x, y) < 128) x++;
    const moduleMm = ((x - symbol.left) / 7 / DPI) * 25.4;
    expect(moduleMm).toBeGreaterThanOrEqual(0.5);
    expect(moduleMm).toBeCloseTo(layout.qr.moduleSize / PT_PER_MM, 1);
    // Every pixel of the quiet ring (2 px off the symbol's anti-aliased edge) is white.
    for (let py = quiet.top; py < quiet.top + quiet.height; py++) {
      for (let px = quiet.left; px < quiet.left + quiet.width; px++) {
        const inSymbol =
          px >= symbol.left - 2 &&
          px < symbol.left + symbol.width + 2 &&
          py >= symbol.top - 2 &&
          py < symbol.top + symbol.height + 2;
        if (!inSymbol && gray(png, px, py) < 250) throw new Error(`quiet zone pixel (${px}, ${py}) is not white`);
      }
    }
  });

  it("keeps all text inside the margins and off the QR quiet zone", async () => {
    const margin = 5 * PT_PER_MM;
    for (const word of words(await file, page.height)) {
      expect(overlaps(word.box, layout.qr.quietBox), word.text).toBe(false);
      expect(word.box.x).toBeGreaterThanOrEqual(margin);
      expect(word.box.x + word.box.width).toBeLessThanOrEqual(page.width - margin);
    }
  });
});

describe("qrLayout", () => {
  it.each<LabelSize>(["4x6", "a6"])("gives %s modules ≥ 0.5 mm and a 4-module quiet zone inside the page", (size) => {
    const longUrl = parcelUrl("https://parcels.a-rather-long-carrier-domain.example.co.kr/tracking", CODE);
    for (const url of [LABEL.url, longUrl]) {
      const qr = qrLayout(size, modulesOf(url));
      expect(qr.moduleSize / PT_PER_MM).toBeGreaterThanOrEqual(0.5);
      expect(qr.quietModules).toBeGreaterThanOrEqual(4);
      expect(qr.symbol.x - qr.quietBox.x).toBeCloseTo(4 * qr.moduleSize, 6);
      expect(qr.symbol.width).toBeCloseTo(qr.modules * qr.moduleSize, 6);
      expect(qr.quietBox.x).toBeGreaterThan(0);
      expect(qr.quietBox.y).toBeGreaterThan(0);
      expect(qr.quietBox.x + qr.quietBox.width).toBeLessThan(PAGE_SIZES[size].width);
      expect(qr.quietBox.y + qr.quietBox.height).toBeLessThan(PAGE_SIZES[size].height);
    }
  });

  it("refuses a QR too dense to print with 0.5 mm modules", () => {
    expect(() => qrLayout("4x6", 177)).toThrow(RangeError);
  });
});

describe("renderLabelSheetPdf", () => {
  const labels: LabelData[] = Array.from({ length: 5 }, (_, i) => {
    const code = newParcelCode();
    return { url: parcelUrl("http://localhost:3000", code), code, carrierName: "한진택배", itemName: `상품 ${i + 1}` };
  });

  it("puts 5 labels on 2 A4 pages, every QR decoding to its own URL", async () => {
    const file = writePdf(await renderLabelSheetPdf(labels));
    const doc = await PDFDocument.load(fs.readFileSync(file));
    expect(doc.getPageCount()).toBe(2);
    expect(doc.getPage(1).getSize().width).toBeCloseTo(SHEET.page.width, 1);
    expect(doc.getPage(1).getSize().height).toBeCloseTo(SHEET.page.height, 1);
    const text = pdfText(file);
    for (const label of labels) expect(text).toContain(shortCode(label.code));
    const pages = [renderPage(file, 1), renderPage(file, 2)];
    labels.forEach((label, i) => {
      const png = pages[Math.floor(i / 4)];
      if (png === undefined) throw new Error("missing page");
      const cell = toPixels({ ...sheetCellOrigin(i), ...SHEET.cell }, SHEET.page.height);
      expect(decodeQr(png, cell), `label ${i}`).toBe(label.url);
    });
  });

  it("refuses an empty batch and a label whose URL names another parcel", async () => {
    await expect(renderLabelSheetPdf([])).rejects.toThrow(RangeError);
    const other = parcelUrl("http://localhost:3000", newParcelCode());
    await expect(renderLabelSheetPdf([LABEL, { ...LABEL, url: other }])).rejects.toThrow(TypeError);
    await expect(renderLabelPdf({ ...LABEL, code: "not-a-code" }, "4x6")).rejects.toThrow(TypeError);
  });
});

describe("item name", () => {
  const expectedWithoutItem = [
    "CJ대한통운",
    "PARCEL CODE · 택배 코드",
    shortCode(CODE),
    "Scan to see delivery details",
    "스캔하여 배송 정보 확인",
  ];

  it.each([null, undefined, "   "])("prints no item line when the item name is %j", async (itemName) => {
    const file = writePdf(await renderLabelPdf({ ...LABEL, itemName }, "4x6"));
    expect(textLines(file)).toEqual(expectedWithoutItem);
  });

  it("ellipsizes a very long item name within two lines, inside the label", async () => {
    const itemName = "초고속 무선 충전 노이즈캔슬링 블루투스 이어폰 ".repeat(20);
    const file = writePdf(await renderLabelPdf({ ...LABEL, itemName }, "a6"));
    const lines = textLines(file);
    const itemLines = lines.slice(lines.indexOf(shortCode(CODE)) + 1, lines.indexOf("Scan to see delivery details"));
    expect(itemLines).toHaveLength(2);
    expect(itemLines[1]?.endsWith("…")).toBe(true);
    const page = PAGE_SIZES.a6;
    for (const word of words(file, page.height)) {
      expect(word.box.x + word.box.width).toBeLessThanOrEqual(page.width - 5 * PT_PER_MM);
    }
    expect(decodeQr(renderPage(file, 1))).toBe(LABEL.url);
  });
});
