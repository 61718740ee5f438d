// @ts-check
/**
 * One Lighthouse audit, run by plain Node: under tsx, esbuild renames Lighthouse's own functions
 * with a `__name` helper, and the functions Lighthouse sends into the page then fail there
 * ("__name is not defined"). bench:lighthouse starts this once per audit, and each audit gets a
 * fresh browser, as Lighthouse's own CLI does: a reused one now and then records no navigation.
 *
 *   node scripts/bench/lighthouse-audit.mjs <url> <output file> [cookie]
 *
 * Writes Lighthouse's result (the LHR JSON) to the output file.
 */
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const [url, output, cookie] = process.argv.slice(2);
if (!url || !output) throw new Error("usage: lighthouse-audit.mjs <url> <output> [cookie]");

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: CHROME_FLAGS,
});
try {
  const result = await lighthouse(url, {
    port: chrome.port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  fs.writeFileSync(output, JSON.stringify(result.lhr));
} finally {
  chrome.kill();
}
