// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");
const { securityHeaders } = require("./lib/http/security-headers");

// Messages are compiled at build time: the browser formats them without intl-messageformat, whose
// first use costs a phone a long task (parsing, and initialising ICU for Intl.NumberFormat).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", precompile: true } },
});

// Pages that can show personal data: never stored by the browser, a proxy or the service worker.
const PRIVATE_PAGES = ["/p/:code*", "/parcels/:path*", "/courier/:path*", "/admin/:path*"];

// Headers are computed by `next build` (routes manifest), so this is the build's mode.
const production = process.env.NODE_ENV === "production";

/** @type {import("next").NextConfig} */
const nextConfig = {
  // The container image (Dockerfile) runs the traced standalone server; `npm start` and
  // start:cluster run `next start` on the ordinary build, which standalone output only warns about.
  ...(process.env.NEXT_OUTPUT === "standalone" ? { output: "standalone" } : {}),
  poweredByHeader: false,
  reactStrictMode: true,
  // A server-only package with native binaries stays out of the bundle.
  serverExternalPackages: ["@node-rs/argon2"],
  experimental: {
    // Strangers' parcel pages are kept by Next.js under a path per exact view
    // (lib/parcels/stranger-page.ts): in memory only (50 MB, least recently used first),
    // never written under .next/, where one file per scanned view would fill the disk.
    isrFlushToDisk: false,
    // Two root layouts (the site's and the stranger's page), so no single one frames a 404.
    globalNotFound: true,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders(production, process.env.PUBLIC_URL),
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
