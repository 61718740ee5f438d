// @ts-check
// Plain CommonJS, because next.config.js (which Node loads before any build) requires it.

// Next's App Router streams its payload in inline <script> tags. Pages rendered per request get
// a nonce from proxy.ts (lib/http/page-nonce.ts): Next.js puts it on each of its scripts, and
// 'strict-dynamic' trusts what those load. The one page Next.js keeps and serves again (a
// stranger's masked parcel page, lib/parcels/stranger-page.ts) cannot carry a per-request nonce,
// so it, and anything the proxy does not render (404s, files), keeps 'unsafe-inline'. What CSP
// still buys there: no eval in production, no plugins, no foreign scripts, frames, form targets
// or connections. `next dev` needs eval (React's dev stacks) and a websocket for hot reload.
/**
 * @param {boolean} production
 * @param {string} [nonce] this response's nonce, when it has one
 */
function contentSecurityPolicy(production, nonce) {
  const inline = nonce ? `'nonce-${nonce}' 'strict-dynamic'` : "'unsafe-inline'";
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets WebAssembly compile (the scanner's decoder on browsers without a
    // native BarcodeDetector) without allowing eval() of JavaScript.
    `script-src 'self' ${inline} 'wasm-unsafe-eval'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    // blob: for the photo the scanner decodes (scan from file), data: for inline images.
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self'${production ? "" : " ws: wss:"}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The headers every response carries. HSTS only when the public URL is https: TLS ends at our
 * reverse proxy (deploy/nginx), which also sends it; the app sends it too so that a deployment
 * behind another TLS terminator is covered. Never over plain http (browsers ignore it there,
 * and a local http://localhost must stay reachable).
 * @param {boolean} production
 * @param {string | undefined} [publicUrl]
 * @returns {{ key: string, value: string }[]}
 */
function securityHeaders(production, publicUrl) {
  const hsts = publicUrl?.startsWith("https://")
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : [];
  return [
    ...hsts,
    // A parcel code in a URL must never travel on to another site in a Referer. Not
    // "no-referrer": under it browsers send `Origin: null` on our own form posts, which
    // breaks the origin checks of server actions and of login/logout (CSRF protection).
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=()" },
    { key: "Content-Security-Policy", value: contentSecurityPolicy(production) },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}

module.exports = { contentSecurityPolicy, securityHeaders };
