// screenshots.mjs PAGE.html OUTDIR - the README's pictures of the web
// edition, taken in headless Debian chromium (CHROMIUM, default
// /usr/bin/chromium):
//   OUTDIR/web-desktop.png  1280 x 1000 CSS px, from Table 1 down (the
//                           table, its notes, Figure 1)
//   OUTDIR/web-phone.png    320 x 680 CSS px at 2 device pixels a px, from
//                           Figure 1 down (the chart as laid out for phones)
// Run from the source tree after a build:
//   node tests/browser/screenshots.mjs out/annual-report-2016-17.html docs/images
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [page_path, outdir] = process.argv.slice(2);
if (!page_path || !outdir) {
  console.error('usage: node screenshots.mjs PAGE.html OUTDIR');
  process.exit(2);
}
const url = pathToFileURL(resolve(page_path)).href;
const profile = mkdtempSync(join(tmpdir(), 'annrep-chromium-'));
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
              '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const shots = [
  { file: 'web-desktop.png', width: 1280, height: 1000, scale: 1, at: '#table-1', above: 24 },
  { file: 'web-phone.png', width: 320, height: 680, scale: 2, at: '#figure-1', above: 12 },
];
for (const s of shots) {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args,
    viewport: { width: s.width, height: s.height }, deviceScaleFactor: s.scale, offline: true,
  });
  const page = await ctx.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(([sel, above]) => {
    const e = document.querySelector(sel);
    if (e) window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - above);
  }, [s.at, s.above]);
  await page.screenshot({ path: join(outdir, s.file) });
  await ctx.close();
  console.log(`wrote ${join(outdir, s.file)}`);
}
rmSync(profile, { recursive: true, force: true });
