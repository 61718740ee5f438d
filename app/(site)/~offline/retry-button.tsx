"use client";

/**
 * The offline page is served in place of whatever page failed, at that page's address, so
 * reloading is exactly "try the page I wanted again".
 */
export function RetryButton({ label }: { label: string }) {
  return (
    <button type="button" className="button primary" onClick={() => window.location.reload()}>
      {label}
    </button>
  );
}
