/**
 * What a browser gets back from one of our JSON routes: the body on success, the refusal's code,
 * message and per-field messages otherwise. `status` 0 means the request never got an answer.
 */
export type JsonResult<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      status: number;
      code: string;
      message: string;
      fields: Record<string, string[]>;
      retryAfter: number | null;
    };

/** `json` is sent as a JSON body; `body` (a file, a form) as it is. Answers are never taken from the HTTP cache. */
export type JsonRequest = Omit<RequestInit, "body"> & { json?: unknown; body?: BodyInit };

type ErrorBody = { error?: { code?: string; message?: string; fields?: Record<string, string[]> } } | null;

/** The one way client code calls our JSON routes: never throws, whatever the network or the server does. */
export async function fetchJson<T>(url: string, request: JsonRequest = {}): Promise<JsonResult<T>> {
  const { json, headers, ...init } = request;
  const sent = new Headers(headers);
  sent.set("accept", "application/json");
  if (json !== undefined) sent.set("content-type", "application/json");
  let response: Response;
  try {
    response = await fetch(url, {
      cache: "no-store",
      ...init,
      headers: sent,
      ...(json !== undefined && { body: JSON.stringify(json) }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    return { ok: false, status: 0, code: "unreachable", message, fields: {}, retryAfter: null };
  }
  const body: unknown = await response.json().catch(() => ({}));
  if (response.ok) return { ok: true, status: response.status, data: body as T };
  const error = (body as ErrorBody)?.error;
  return {
    ok: false,
    status: response.status,
    code: error?.code ?? "error",
    message: error?.message ?? response.statusText,
    fields: error?.fields ?? {},
    retryAfter: Number(response.headers.get("retry-after")) || null,
  };
}

/** A refused request, with the API's error code so a screen can say why. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

/** For a TanStack query function: the body, or an ApiRequestError thrown for the query to hold. */
export async function getJson<T>(url: string): Promise<T> {
  const result = await fetchJson<T>(url);
  if (!result.ok) throw new ApiRequestError(result.status, result.code, result.message);
  return result.data;
}

/** A form's submission to a JSON route. */
export const postJson = <T>(url: string, body: unknown): Promise<JsonResult<T>> =>
  fetchJson<T>(url, { method: "POST", json: body });
