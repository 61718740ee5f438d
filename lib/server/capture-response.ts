import type { ServerResponse } from "node:http";

type Chunk = string | Uint8Array;
type Headers = Record<string, string | string[]>;

function toBuffer(chunk: unknown, encoding: unknown): Buffer | null {
  if (typeof chunk === "string")
    return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return null;
}

function headersOf(res: ServerResponse, extra: unknown): Headers {
  const headers: Headers = {};
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value : String(value);
  }
  if (extra && typeof extra === "object" && !Array.isArray(extra)) {
    for (const [name, value] of Object.entries(extra as Record<string, unknown>)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : String(value);
    }
  }
  return headers;
}

/**
 * Tees a response: everything written still goes to the client, and a copy of
 * the body and headers is kept, so a page rendered once can be sent again.
 */
export function captureResponse(res: ServerResponse): {
  result: () => { complete: boolean; headers: Headers; body: Buffer };
} {
  const chunks: Buffer[] = [];
  let headers: Headers = {};
  let complete = false;
  const { write, end, writeHead } = res;
  const keep = (chunk: unknown, encoding: unknown) => {
    const buffer = toBuffer(chunk, encoding);
    if (buffer) chunks.push(Buffer.from(buffer)); // a copy: the writer may reuse its buffer
  };
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    const extra = args.find((arg, index) => index > 0 && typeof arg === "object");
    headers = headersOf(res, extra);
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
  res.write = function (this: ServerResponse, chunk: Chunk, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (args[0] !== undefined && typeof args[0] !== "function") keep(args[0], args[1]);
    complete = true;
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["end"];
  return {
    result: () => ({
      complete,
      headers: Object.keys(headers).length ? headers : headersOf(res, null),
      body: Buffer.concat(chunks),
    }),
  };
}
