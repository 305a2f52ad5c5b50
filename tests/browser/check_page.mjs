// check_page.mjs PAGE.html OUTDIR - the web edition in headless Chromium.
//
// Debian's chromium (CHROMIUM, default /usr/bin/chromium), driven by
// playwright-core with a fresh profile and no network, opens the page at
// 320 px and 1280 px wide and checks, at each width:
//   1. axe-core (rule sets wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa,
//      best-practice) finds no violation, with every "Show the data" closed
//      and again with all of them open (so the data tables are checked too);
//   2. the page does not scroll sideways (scrollWidth <= clientWidth);
//   3. the page asked for nothing but itself (no request other than the
//      file, data: URIs and the fragment links);
//   4. every text of every shown chart lies inside its drawing (the browser's
//      face has the widths the layout measured), and chart text is set in
//      Liberation Sans or Arial, the faces the layout measured with;
//   5. every table region that is wider than its box scrolls by itself and
//      can take the keyboard focus.
// Saves OUTDIR/page-<width>.png (the first screen),
// OUTDIR/page-<width>-section.png (a screen from the first numbered section
// on: text, a table, a chart) and OUTDIR/page-<width>-full.png (the whole
// page).  Prints what it found;
// exits 1 on any failure, 2 on a usage or launch error.
import { chromium } from 'playwright-core';
import axe from 'axe-core';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [page_path, outdir] = process.argv.slice(2);
if (!page_path || !outdir) {
  console.error('usage: node check_page.mjs PAGE.html OUTDIR');
  process.exit(2);
}
mkdirSync(outdir, { recursive: true });
const url = pathToFileURL(resolve(page_path)).href;
const RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const WIDTHS = [320, 1280];
let failures = 0;
const fail = (msg) => { failures++; console.log(`FAIL: ${msg}`); };

const profile = mkdtempSync(join(tmpdir(), 'annrep-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    offline: true,
  });
} catch (e) {
  console.error(`check_page: cannot launch chromium: ${e.message}`);
  rmSync(profile, { recursive: true, force: true });
  process.exit(2);
}

async function run_axe(page, label) {
  const res = await page.evaluate(async (rules) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: rules },
                                        resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) }));
  }, RULES);
  if (res.length === 0)
    console.log(`ok: axe (${RULES.join(', ')}), ${label}: no violations`);
  for (const v of res) {
    fail(`axe ${label}: ${v.id} (${v.impact}): ${v.help}`);
    for (const n of v.nodes) console.log(`    ${n.replace(/\n/g, ' ')}`);
  }
}

// Every shown chart's text inside its drawing; the faces the text is set in.
async function check_charts(page, width) {
  const out = await page.evaluate(() => {
    const bad = [];
    let shown = 0, texts = 0;
    for (const svg of document.querySelectorAll('svg.chart')) {
      if (svg.getBoundingClientRect().width === 0) continue;
      shown++;
      const vb = svg.viewBox.baseVal;
      for (const t of svg.querySelectorAll('text')) {
        texts++;
        const x = t.x.baseVal[0].value, len = t.getComputedTextLength();
        if (x < -0.5 || x + len > vb.width + 0.5)
          bad.push(`${svg.getAttribute('aria-labelledby')}: "${t.textContent}" runs from ${x.toFixed(1)} to ${(x + len).toFixed(1)}, outside 0..${vb.width}`);
      }
    }
    return { bad, shown, texts };
  });
  if (out.shown === 0) fail(`${width} px: no chart is shown`);
  for (const b of out.bad) fail(`${width} px: chart text outside its drawing: ${b}`);
  if (out.bad.length === 0)
    console.log(`ok: ${width} px: ${out.shown} charts shown, all ${out.texts} texts inside their drawings`);
  // The face Chromium really used for the first text of the first chart.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  for (const [sel, what] of [[width < 640 ? 'svg.chart-narrow text' : 'svg.chart-wide text', 'chart text'], ['main p', 'body text']]) {
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: sel });
    if (!nodeIds.length) { fail(`${width} px: no ${what} found`); continue; }
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: nodeIds[0] });
    const names = fonts.map((f) => f.familyName);
    if (names.every((n) => /^(Liberation Sans|Arial)$/.test(n)))
      console.log(`ok: ${width} px: ${what} is set in ${names.join(', ')}`);
    else
      fail(`${width} px: ${what} is set in ${names.join(', ')}, not Liberation Sans or Arial`);
  }
  await cdp.detach();
}

async function check_regions(page, width) {
  const out = await page.evaluate(() => [...document.querySelectorAll('.table-region')]
    .filter((r) => r.getBoundingClientRect().width > 0)
    .map((r) => ({ id: r.id, wide: r.scrollWidth > r.clientWidth,
                   overflow: getComputedStyle(r).overflowX, tab: r.tabIndex,
                   role: r.getAttribute('role'), named: !!r.getAttribute('aria-labelledby') })));
  let wide = 0;
  for (const r of out) {
    if (r.wide) wide++;
    if (r.wide && r.overflow !== 'auto' && r.overflow !== 'scroll')
      fail(`${width} px: table ${r.id} is wider than its region, which does not scroll`);
    if (r.tab !== 0 || r.role !== 'region' || !r.named)
      fail(`${width} px: table region ${r.id} is not a named, focusable region`);
  }
  console.log(`ok: ${width} px: ${out.length} table regions, ${wide} scroll sideways inside themselves`);
}

try {
  for (const width of WIDTHS) {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: width < 600 ? 720 : 900 });
    const foreign = [];
    page.on('request', (req) => {
      const u = req.url();
      if (u !== url && !u.startsWith(url + '#') && !u.startsWith('data:')) foreign.push(u);
    });
    await page.goto(url, { waitUntil: 'load' });
    const sw = await page.evaluate(() => ({ s: document.documentElement.scrollWidth,
                                            c: document.documentElement.clientWidth }));
    if (sw.s > sw.c) fail(`${width} px: the page scrolls sideways (scrollWidth ${sw.s} > clientWidth ${sw.c})`);
    else console.log(`ok: ${width} px: no horizontal page scroll (scrollWidth ${sw.s}, clientWidth ${sw.c})`);
    await page.screenshot({ path: join(outdir, `page-${width}.png`) });
    await page.screenshot({ path: join(outdir, `page-${width}-full.png`), fullPage: true });
    await page.evaluate(() => {
      const h = document.querySelector('main h3[id^="section-"]');
      if (h) window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 16);
    });
    await page.screenshot({ path: join(outdir, `page-${width}-section.png`) });
    await page.evaluate(() => window.scrollTo(0, 0));
    await check_charts(page, width);
    await check_regions(page, width);
    await page.addScriptTag({ content: axe.source });
    await run_axe(page, `${width} px, data tables closed`);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await run_axe(page, `${width} px, data tables open`);
    const sw2 = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    if (!sw2) fail(`${width} px: with the data tables open the page scrolls sideways`);
    await page.screenshot({ path: join(outdir, `page-${width}-open-full.png`), fullPage: true });
    if (foreign.length) fail(`${width} px: the page asked for ${foreign.join(', ')}`);
    else console.log(`ok: ${width} px: no request beyond the file itself`);
    await page.close();
  }
} catch (e) {
  fail(`check_page: ${e.stack || e.message}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(failures ? `check_page: ${failures} failures` : 'check_page: all checks passed');
process.exit(failures ? 1 : 0);
