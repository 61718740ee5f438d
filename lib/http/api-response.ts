import { errorAnswer, jsonAnswer, toWebResponse } from "./plain-answer";

/** The plain answers of ./plain-answer.ts as web Responses, for route handlers. */
export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return toWebResponse(jsonAnswer(body, status, headers));
}

export function apiError(...args: Parameters<typeof errorAnswer>): Response {
  return toWebResponse(errorAnswer(...args));
}

export function rateLimited(retryAfterSeconds: number): Response {
  return apiError(429, "rate_limited", "Too many requests. Try again later.", {
    headers: { "Retry-After": String(Math.max(1, retryAfterSeconds)) },
  });
}
