/**
 * One cookie's value from a Cookie header, percent-decoded as browsers' document.cookie
 * writers encode it. A value that is not valid percent-encoding is returned as sent: it is
 * then simply not a session or locale we know, never a crash.
 */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    const value = rest.join("=");
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}
