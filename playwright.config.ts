import { defineConfig, devices } from "@playwright/test";

// The test runner (`npm test`) picks a free port and the databases; run alone, the
// defaults serve the app like `npm start` would.
const port = Number(process.env.PORT ?? 3100);
const baseURL = process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  // One retry in CI, reported as "flaky" in the output: a camera/decoder hiccup on a loaded
  // 2-core machine must not hide the rest of the run, and a real failure still fails twice.
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot run here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    },
  },
  projects: [{ name: "phone", use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 } } }],
  webServer: {
    // The same launcher as `npm start`: builds when stale, migrates, seeds, serves.
    command: "node_modules/.bin/tsx --conditions=react-server scripts/start.ts",
    url: `${baseURL}/api/ready`,
    // A cold `next build` on a busy 2-core machine can take several minutes before the server starts.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
