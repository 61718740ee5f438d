import type { Page, TestInfo } from "@playwright/test";
import { LoginPage } from "../pages/login-page";

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/** Full-page screenshots of a console screen at 1280×800 and 390×844, attached to the report. */
export async function shootConsole(page: Page, testInfo: TestInfo, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const file = testInfo.outputPath(`console-${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`${name} ${size.width}x${size.height}`, { path: file, contentType: "image/png" });
  }
  await page.setViewportSize(SIZES[0]);
}

export async function logInAsAdmin(page: Page, path: string) {
  const login = new LoginPage(page);
  await login.goto(path);
  await login.logIn("admin@exqress.local", "admin1234!");
}
