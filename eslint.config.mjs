import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

const config = [
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  // Server code logs through pino (lib/observability/logger.ts), whose redaction keeps personal
  // data out of the logs; console.* would pass it by.
  {
    files: ["lib/**", "app/**", "db/**", "components/**", "instrumentation.ts", "proxy.ts"],
    rules: { "no-console": "error" },
  },
  // next.config.js stays CommonJS: the package is not "type": "module".
  { files: ["next.config.js"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  {
    ignores: [
      ".next/**",
      ".data/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "public/sw.js",
    ],
  },
];

export default config;
