/**
 * `npm run bench:scan`: the scanner's decoder, old engine (html5-qrcode 2.3.8's bundled ZXing) against
 * the new one (the barcode-detector polyfill, ZXing-C++ in WebAssembly, through decodeFrame with its
 * contrast-stretch second pass), on the same pixels in Node: the degraded corpus per family (rate and
 * median ms per 1280×720 frame) and a clean sweep at 3–13 px/module; then the bytes /scan costs, read
 * from the production build (run `npm run build` first; the e2e test scan-engine.spec.ts measures the
 * same in Chromium).
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { parcelCodeSource, parcelUrl } from "@/lib/parcels/code";
import { pickCode, type CodeDetector, type DetectedCode } from "@/lib/scan/barcode";
import { decodeFrame } from "@/lib/scan/decode-frame";
import { engineWasmPath } from "@/lib/scan/engine-wasm-path";
import { degradedCorpus, FAMILIES } from "@/tests/support/scan/corpus";
import { toImageData } from "@/tests/support/scan/gray";
import { nodeDetector } from "@/tests/support/scan/node-detector";
import { oldEngineDecode } from "@/tests/support/scan/old-engine";
import { renderClean } from "@/tests/support/scan/render";

const PUBLIC_URL = "http://localhost:3900";
const PER_FAMILY = Number(process.env.PER_FAMILY ?? 36);
const SWEEP_CODES = Number(process.env.SWEEP_CODES ?? 200);

type Engine = { name: string; decode: (frame: ImageData) => Promise<DetectedCode | null> | DetectedCode | null };
type Tally = { read: number; wrong: number; ms: number[] };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(0)}%`.padStart(5);

async function timed(engine: Engine, frame: ImageData, text: string, tally: Tally) {
  const started = performance.now();
  const found = await engine.decode(frame);
  tally.ms.push(performance.now() - started);
  if (found?.rawValue === text) tally.read++;
  else if (found) tally.wrong++;
}

async function corpus(engines: Engine[]) {
  console.log(`\n## degraded corpus: ${PER_FAMILY} frames of 1280×720 per family (read / wrong, median ms per frame)`);
  console.log(`${"family".padEnd(16)}${engines.map((e) => e.name.padEnd(26)).join("")}`);
  const tallies = new Map(FAMILIES.map((f) => [f, engines.map((): Tally => ({ read: 0, wrong: 0, ms: [] }))]));
  for (const { family, text, frame } of degradedCorpus(PUBLIC_URL, PER_FAMILY)) {
    const image = toImageData(frame);
    for (const [i, engine] of engines.entries()) await timed(engine, image, text, tallies.get(family)![i]!);
  }
  const all = engines.map((): Tally => ({ read: 0, wrong: 0, ms: [] }));
  for (const [family, row] of tallies) {
    const cells = row.map((t, i) => {
      all[i]!.read += t.read;
      all[i]!.wrong += t.wrong;
      all[i]!.ms.push(...t.ms);
      return `${pct(t.read, PER_FAMILY)} / ${t.wrong}, ${median(t.ms).toFixed(1)} ms`.padEnd(26);
    });
    console.log(`${family.padEnd(16)}${cells.join("")}`);
  }
  const frames = FAMILIES.length * PER_FAMILY;
  const overall = all.map((t) => `${pct(t.read, frames)} / ${t.wrong}, ${median(t.ms).toFixed(1)} ms`.padEnd(26));
  console.log(`${"overall".padEnd(16)}${overall.join("")}`);
}

async function sweep(engines: Engine[]) {
  console.log(`\n## clean sweep: ${SWEEP_CODES} fresh parcel URLs (${PUBLIC_URL}) at each size, read per engine`);
  const next = parcelCodeSource();
  const urls = Array.from({ length: SWEEP_CODES }, () => parcelUrl(PUBLIC_URL, next()));
  for (let scale = 3; scale <= 13; scale++) {
    const tallies = engines.map((): Tally => ({ read: 0, wrong: 0, ms: [] }));
    for (const url of urls) {
      const image = toImageData(renderClean(url, scale));
      for (const [i, engine] of engines.entries()) await timed(engine, image, url, tallies[i]!);
    }
    console.log(
      `${`${scale} px/module`.padEnd(16)}${tallies.map((t, i) => `${engines[i]!.name} ${pct(t.read, SWEEP_CODES)}`.padEnd(30)).join("")}`,
    );
  }
}

function compressed(bytes: Buffer) {
  const gzip = zlib.gzipSync(bytes).length;
  const brotli = zlib.brotliCompressSync(bytes).length;
  return `${(bytes.length / 1024).toFixed(0)} KB raw, ${(gzip / 1024).toFixed(0)} KB gzip, ${(brotli / 1024).toFixed(0)} KB brotli`;
}

function bytes() {
  console.log("\n## what the polyfill adds to /scan (browsers without a native BarcodeDetector)");
  const chunks = path.join(".next", "static", "chunks");
  if (!fs.existsSync(chunks)) return console.log("  no production build: run `npm run build` first");
  // A string of the polyfill's own source, in the one chunk that holds it.
  const polyfill = fs
    .readdirSync(chunks, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".js"))
    .map((file) => fs.readFileSync(path.join(chunks, file)))
    .filter((body) => body.includes("Barcode detection service unavailable"));
  for (const body of polyfill) console.log(`  polyfill JS chunk: ${compressed(body)}`);
  console.log(`  WebAssembly (zxing_reader.wasm): ${compressed(fs.readFileSync(engineWasmPath()))}`);
}

async function main() {
  const detector: CodeDetector = await nodeDetector();
  const engines: Engine[] = [
    { name: "old (html5-qrcode ZXing)", decode: oldEngineDecode },
    { name: "new, one pass", decode: async (frame) => pickCode(await detector.detect(frame)) },
    { name: "new + dark-frame pass", decode: (frame) => decodeFrame(detector, frame) },
  ];
  await sweep(engines);
  await corpus(engines);
  bytes();
}

void main();
