/** GET /scan/engine/{file}: the polyfill's own WebAssembly, from our origin, under its versioned name only. */
import { describe, expect, it } from "vitest";
import { ZXING_WASM_VERSION } from "barcode-detector/ponyfill";
import { GET } from "@/app/(site)/scan/engine/[file]/route";
import { ENGINE_FILE } from "@/lib/scan/engine-file";

const get = (file: string) => GET(new Request(`http://x/scan/engine/${file}`), { params: Promise.resolve({ file }) });

describe("the scanner engine route", () => {
  it("serves the polyfill's WebAssembly, immutable, under a versioned name", async () => {
    expect(ENGINE_FILE).toBe(`zxing_reader-${ZXING_WASM_VERSION}.wasm`);
    const response = await get(ENGINE_FILE);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/wasm");
    expect(response.headers.get("cache-control")).toContain("immutable");
    const bytes = new Uint8Array(await response.arrayBuffer());
    // "\0asm": a WebAssembly module (its SHA-256 was checked against the polyfill's before serving).
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
  });

  it("answers 404 to any other name", async () => {
    for (const file of ["zxing_reader.wasm", "zxing_reader-0.0.0.wasm", "..%2Fpackage.json", "sw.js"]) {
      expect((await get(file)).status).toBe(404);
    }
  });
});
