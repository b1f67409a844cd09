/**
 * Clicks findings-tour steps on a served build and prints each step's link and live measurement:
 *   STEPS=0,1,2,3,4,5 node scripts/tour-measure.mjs [URL]   (default http://127.0.0.1:4715/?backend=wasm)
 */
import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
await page.goto(process.argv[2] ?? 'http://127.0.0.1:4715/?backend=wasm');
await page.waitForSelector('[data-testid="molecule-view"][data-analysis-status="ready"]', {
  timeout: 120000,
  state: 'attached',
});
await page.click('[data-testid="findings-tour"] summary');
for (const n of (process.env.STEPS ?? '1,2,4,5').split(',')) {
  await page.click(`[data-testid="finding-${n}"]`);
  await page
    .waitForSelector(`[data-testid="finding-${n}-value"][data-reproduced]:not([data-reproduced=""])`, {
      timeout: 180000,
    })
    .catch(() => {});
  console.log(
    n,
    await page.evaluate(() => location.hash),
    await page.textContent(`[data-testid="finding-${n}-value"]`),
  );
  await page.screenshot({ path: `/tmp/tour-${n}.png` });
}
await browser.close();
