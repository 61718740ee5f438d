/**
 * What a domain operation returns when its caller shows the outcome to a person: data, or an
 * error with a stable code and, for a form, the fields it is about. Server actions return it as is.
 */
export type ResultError = { code: string; message: string; fields?: Record<string, string[]> };
export type Result<T> = { ok: true; data: T } | { ok: false; error: ResultError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });

export const failure = (code: string, message: string, fields?: Record<string, string[]>): Result<never> => ({
  ok: false,
  error: { code, message, ...(fields ? { fields } : {}) },
});
