import { ENGINE_FILE, engineWasm } from "@/lib/scan/engine-file";

/**
 * GET /scan/engine/zxing_reader-{version}.wasm: the scanner's decoder for browsers without a
 * native BarcodeDetector, from our own origin. Public (it is a copy of an npm package), so no
 * session is checked; the versioned name makes it immutable, and the service worker keeps it
 * after first use (app/sw.ts). Any other name is a 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  if (file !== ENGINE_FILE) return new Response("Not found", { status: 404 });
  return new Response(await engineWasm(), {
    headers: {
      "Content-Type": "application/wasm",
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
