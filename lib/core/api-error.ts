/** Every API error has this one shape (docs/api.md): `{ error: { code, message, fields? } }`. */
export type ApiErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

/** The error body; `extra` adds what a caller can act on (`fields`, or `allowed` for a refused transition). */
export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}): ApiErrorBody {
  return { error: { code, message, ...extra } };
}
