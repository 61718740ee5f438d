import { apiError } from "./api-response";

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

/** The body of at most `maxBytes`, or null as soon as it is (or says it will be) larger; the rest is not read. */
export async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}

/** Reads a JSON body of at most `maxBytes`, stopping as soon as it is exceeded; 413/400/415 otherwise. */
export async function readJson(request: Request, maxBytes: number): Promise<JsonBody> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    return { ok: false, response: apiError(415, "unsupported_media_type", "Send the body as application/json.") };
  }
  const bytes = await readLimited(request, maxBytes);
  if (bytes === null) {
    return {
      ok: false,
      response: apiError(413, "body_too_large", `The body must be at most ${Math.round(maxBytes / 1024)} KiB.`),
    };
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, response: apiError(400, "invalid_json", "The body is not valid UTF-8 JSON.") };
  }
}
