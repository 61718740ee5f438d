/** What a browser form gets back from one of our JSON routes: the body on success, the error's fields otherwise. */
export type PostResult<T> =
  { ok: true; data: T } | { ok: false; status: number; fields: Record<string, string[]>; retryAfter: number | null };

export async function postJson<T>(url: string, body: unknown): Promise<PostResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, fields: {}, retryAfter: null };
  }
  const json = (await response.json().catch(() => ({}))) as { error?: { fields?: Record<string, string[]> } };
  if (response.ok) return { ok: true, data: json as T };
  const retryAfter = Number(response.headers.get("retry-after")) || null;
  return { ok: false, status: response.status, fields: json.error?.fields ?? {}, retryAfter };
}
