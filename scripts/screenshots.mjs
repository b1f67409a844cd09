/**
 * Screenshots of a served build at several sizes, with what the page flags:
 *   node scripts/screenshots.mjs URL OUT_PREFIX [WxH,WxH]   (env: WAIT ms, CLICK selector, FULL=1)
 * e.g. npx vite build --outDir dist-15 && npx vite preview --outDir dist-15 --port 4715, then
 *   node scripts/screenshots.mjs "http://127.0.0.1:4715/?backend=wasm" /tmp/first 390x844,1280x720,1440x900
 */
import { chromium } from 'playwright-core';
const url = process.argv[2];
const out = process.argv[3];
const sizes = (process.argv[4] ?? '1280x720').split(',');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--enable-unsafe-webgpu'] });
for (const size of sizes) {
  const [width, height] = size.split('x').map(Number);
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
  await page.goto(url);
  await page.waitForSelector('[data-testid="molecule-view"][data-analysis-status="ready"]', {
    timeout: 120000,
    state: 'attached',
  });
  await page.waitForTimeout(Number(process.env.WAIT ?? 3000));
  if (process.env.CLICK) {
    await page.click(process.env.CLICK);
    await page.mouse.move(1, 1); // the hover tooltip would cover the drawing
    await page.waitForTimeout(4000);
  }
  await page.screenshot({ path: `${out}-${size}.png`, fullPage: process.env.FULL === '1' });
  const info = await page.evaluate(() => ({
    hash: location.hash,
    flagged: document.querySelectorAll('[data-massive="true"]').length,
    bonds: document.querySelectorAll('[data-testid^="bond-"][data-ma-ratio]').length,
    line: document.querySelector('[data-testid="flag-line"]')?.textContent,
  }));
  console.log(size, JSON.stringify(info));
  await page.close();
}
await browser.close();
