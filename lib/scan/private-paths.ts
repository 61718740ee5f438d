/**
 * Paths whose responses can carry personal data. The service worker has no route for them, so it
 * never stores or even handles them (full personal data is never written to the
 * service worker's caches). Kept apart from the worker so it can be unit tested.
 */
const PRIVATE_PATH_PREFIXES = ["/p", "/parcels", "/courier", "/admin", "/api"] as const;

function decoded(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    // Undecodable: compare the raw form, which can only make the check stricter.
    return pathname;
  }
}

/** Whether a same-origin path is one of the private areas or anything below it (any case). */
export function isPrivatePath(pathname: string): boolean {
  const path = decoded(pathname)
    .toLowerCase()
    .replace(/\/{2,}/g, "/");
  return PRIVATE_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
