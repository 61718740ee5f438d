/**
 * The Korean-capable font embedded in labels.
 *
 * The standard PDF fonts are Latin-1 only and labels carry Korean carrier and
 * item names, so Nanum Gothic (SIL OFL) is embedded, subset per document so a
 * label PDF stays small. It comes from an npm package rather than a copy in the
 * repo, and is read and prepared once per process: labels print in thousands.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as fontkitModule from "@pdf-lib/fontkit";

type Fontkit = Pick<typeof fontkitModule, "create">;
type Font = ReturnType<Fontkit["create"]>;
/**
 * The package's ESM build only has a default export while its types declare
 * named ones; accept whichever shape the bundler or Node hands us.
 */
const fontkit: Fontkit = "default" in fontkitModule ? (fontkitModule.default as Fontkit) : fontkitModule;

/** Files of the `@expo-google-fonts/nanum-gothic` package (TTF, SIL Open Font License). */
const FONT_FILES = {
  regular: "400Regular/NanumGothic_400Regular.ttf",
  bold: "700Bold/NanumGothic_700Bold.ttf",
} as const;

export type LabelFonts = {
  regular: Uint8Array;
  bold: Uint8Array;
  /** For `PDFDocument.registerFontkit`: hands out the fonts above already parsed. */
  fontkit: Fontkit;
  /** Whether the font can draw a code point (regular and bold cover the same set). */
  covers: (codePoint: number) => boolean;
};

/**
 * Where the font package is installed. Bundlers cannot be told the path: a
 * literal `require.resolve` makes Turbopack try to bundle the .ttf, and a
 * dynamic one is replaced by a throw. So look in the app root's node_modules
 * (the working directory of `next start`, vitest and our scripts) and else
 * resolve from this file, which works wherever the module is not bundled.
 * The turbopackIgnore hints keep `next build` from warning about (and tracing
 * the whole project for) these paths it cannot analyse.
 */
function fontPath(file: string): string {
  const fromRoot = path.join(process.cwd(), "node_modules", "@expo-google-fonts", "nanum-gothic", file);
  if (existsSync(fromRoot)) return fromRoot;
  return createRequire(/* turbopackIgnore: true */ import.meta.url).resolve(`@expo-google-fonts/nanum-gothic/${file}`);
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const align4 = (n: number) => (n + 3) & ~3;

function readTables(font: Uint8Array): Map<string, Uint8Array> {
  const dv = view(font);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < dv.getUint16(4); i++) {
    const record = 12 + 16 * i;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    tables.set(tag, font.slice(dv.getUint32(record + 8), dv.getUint32(record + 8) + dv.getUint32(record + 12)));
  }
  return tables;
}

function table(tables: Map<string, Uint8Array>, tag: string): Uint8Array {
  const found = tables.get(tag);
  if (found === undefined) throw new Error(`Label font has no ${tag} table`);
  return found;
}

/**
 * Nanum Gothic packs glyphs at odd offsets (legal with long `loca` offsets).
 * pdf-lib's fontkit copies glyphs as they are into the subset but then picks
 * short offsets, which store offset/2: every glyph after an odd one comes out
 * garbled or blank. Padding each glyph to 4 bytes (what the spec recommends)
 * makes any subset's offsets even.
 */
function alignGlyphs(tables: Map<string, Uint8Array>): void {
  const head = table(tables, "head").slice();
  const loca = view(table(tables, "loca"));
  const glyf = table(tables, "glyf");
  const glyphCount = view(table(tables, "maxp")).getUint16(4);
  const longOffsets = view(head).getInt16(50) === 1;
  const offset = (i: number) => (longOffsets ? loca.getUint32(4 * i) : 2 * loca.getUint16(2 * i));

  const newLoca = new Uint8Array(4 * (glyphCount + 1));
  let size = 0;
  for (let i = 0; i < glyphCount; i++) {
    view(newLoca).setUint32(4 * i, size);
    size += align4(offset(i + 1) - offset(i));
  }
  view(newLoca).setUint32(4 * glyphCount, size);

  const newGlyf = new Uint8Array(size);
  for (let i = 0; i < glyphCount; i++) {
    newGlyf.set(glyf.subarray(offset(i), offset(i + 1)), view(newLoca).getUint32(4 * i));
  }
  view(head).setInt16(50, 1); // indexToLocFormat: long offsets
  tables.set("head", head).set("loca", newLoca).set("glyf", newGlyf);
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array(align4(bytes.length));
  padded.set(bytes);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view(padded).getUint32(i)) >>> 0;
  return sum;
}

/**
 * pdf-lib's fontkit also reads a glyph header for empty glyphs. Nanum Gothic's
 * space is empty and last, so with glyf as the last table that read would run
 * off the end of the file and throw. Zeros after the last table belong to no
 * table and read as an empty box; only fontkit's rebuilt subset reaches the PDF.
 */
const TRAILING_PADDING = 16;

function writeFont(sfntVersion: number, tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort(); // the table directory must be sorted by tag
  const headerSize = 12 + 16 * tags.length;
  const total = tags.reduce((sum, tag) => sum + align4(table(tables, tag).length), headerSize);
  const font = new Uint8Array(total + TRAILING_PADDING);
  const dv = view(font);
  const entrySelector = Math.floor(Math.log2(tags.length));
  dv.setUint32(0, sfntVersion);
  dv.setUint16(4, tags.length);
  dv.setUint16(6, 16 * 2 ** entrySelector);
  dv.setUint16(8, entrySelector);
  dv.setUint16(10, 16 * tags.length - 16 * 2 ** entrySelector);
  let offset = headerSize;
  tags.forEach((tag, i) => {
    const data = table(tables, tag);
    const record = 12 + 16 * i;
    font.set(
      Array.from(tag, (char) => char.charCodeAt(0)),
      record,
    );
    dv.setUint32(record + 4, checksum(data));
    dv.setUint32(record + 8, offset);
    dv.setUint32(record + 12, data.length);
    font.set(data, offset);
    offset += align4(data.length);
  });
  return font;
}

async function readFontFile(file: string): Promise<Uint8Array> {
  const bytes = await readFile(/* turbopackIgnore: true */ fontPath(file));
  const tables = readTables(bytes);
  alignGlyphs(tables);
  return writeFont(view(bytes).getUint32(0), tables);
}

async function loadFonts(): Promise<LabelFonts> {
  const [regular, bold] = await Promise.all([readFontFile(FONT_FILES.regular), readFontFile(FONT_FILES.bold)]);
  // pdf-lib parses the font bytes again for every document; through this
  // fontkit each label PDF reuses one parsed font instead of copying and
  // decoding 2 MB twice per label. Documents only read them (fontkit memoises
  // glyphs internally, which is safe to share).
  const parsed = new Map<Uint8Array, Font>([
    [regular, fontkit.create(regular)],
    [bold, fontkit.create(bold)],
  ]);
  const cachingFontkit: Fontkit = { create: (bytes, name) => parsed.get(bytes) ?? fontkit.create(bytes, name) };
  const covers = (codePoint: number) => parsed.get(regular)?.hasGlyphForCodePoint(codePoint) ?? false;
  return { regular, bold, fontkit: cachingFontkit, covers };
}

let fontsPromise: Promise<LabelFonts> | null = null;

/** The label fonts, prepared on first use only; a failed read is retried next time. */
export function labelFonts(): Promise<LabelFonts> {
  fontsPromise ??= loadFonts().catch((error: unknown) => {
    fontsPromise = null;
    throw error;
  });
  return fontsPromise;
}
