import { expect, test, type Browser } from "@playwright/test";
import { DEMO_KEY, DEMO_PHONE, registerFor } from "./support/recipient-data";

/**
 * Every page a recipient and a stranger read, in Korean and in English: no message key shown
 * in place of a sentence, and no English sentence on the Korean page. Data is not UI: the
 * brand and the demo carrier's name are taken out before looking.
 */
const NAMESPACES =
  /\b(?:recipient|serverMessages|parcel|myParcels|account|signup|login|home|scan|nav|footer|meta|error|install|offline)\.[A-Za-z_][\w.]*/;
const ENGLISH_SENTENCE = /\b[A-Za-z]{2,}(?:[ ,']+[A-Za-z]{2,}){2,}/;
const DATA = [/EXQRESS/g, /EXQ Express/g, /Bearer/g];

async function visibleText(browser: Browser, locale: string, path: string, login?: [string, string]) {
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  if (login) {
    await page.goto(`/login?next=${encodeURIComponent(path)}`);
    await page.locator("input[name=identifier]").fill(login[0]);
    await page.locator("input[type=password]").fill(login[1]);
    await page.locator("button[type=submit].primary").click();
    await expect(page).toHaveURL(new RegExp(`${path}$`), { timeout: 30_000 });
  } else {
    await page.goto(path);
  }
  await page.waitForLoadState("networkidle");
  const text = await page.locator("body").innerText();
  await context.close();
  return DATA.reduce((rest, pattern) => rest.replace(pattern, ""), text);
}

test("each page reads fully in Korean and in English", async ({ browser, request }) => {
  test.setTimeout(600_000);
  const code = await registerFor(request, DEMO_KEY, DEMO_PHONE, "책 두 권");
  const recipient: [string, string] = [DEMO_PHONE, "recipient1234!"];
  const pages: [string, [string, string]?][] = [
    ["/"],
    ["/login"],
    ["/signup"],
    ["/scan"],
    [`/p/${code}`],
    [`/p/${code}`, recipient],
    ["/parcels", recipient],
    ["/account", recipient],
    ["/account", ["courier@exqress.local", "courier1234!"]],
  ];
  const problems: string[] = [];
  for (const [path, login] of pages) {
    const who = `${path}${login ? ` as ${login[0]}` : ""}`;
    for (const locale of ["ko-KR", "en-US"]) {
      const text = await visibleText(browser, locale, path, login);
      const key = text.match(NAMESPACES);
      if (key) problems.push(`${locale} ${who}: untranslated key ${key[0]}`);
      const english = locale === "ko-KR" ? text.match(ENGLISH_SENTENCE) : null;
      if (english) problems.push(`${locale} ${who}: English "${english[0]}"`);
    }
  }
  expect(problems).toEqual([]);
});
