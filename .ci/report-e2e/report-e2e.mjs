// Opens a report.html written by ml:validate in headless Chromium (Debian's package, never a downloaded browser) and
// fails on any console error, page error or request that leaves the file; checks that every SVG chart is present and
// visible (those of the monitoring and drift sections too, when ml:monitor ran), checks the slice table when the model
// has <slices>, and saves a screenshot. --require=monitoring,slices fails when such a section is absent, so a report
// that is meant to hold them cannot pass without them.
//
// Usage: node report-e2e.mjs <report.html> <screenshot.png> [--require=monitoring,slices]
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [reportArg, screenshotArg, ...options] = process.argv.slice(2);
const required = options.flatMap((o) => (o.startsWith('--require=') ? o.slice('--require='.length).split(',') : []));
const unknown = required.filter((r) => r !== 'monitoring' && r !== 'slices');
if (!reportArg || !screenshotArg || unknown.length > 0 || options.some((o) => !o.startsWith('--require='))) {
  console.error('usage: node report-e2e.mjs <report.html> <screenshot.png> [--require=monitoring,slices]');
  process.exit(2);
}
const report = resolve(reportArg);
const screenshot = resolve(screenshotArg);
if (!existsSync(report)) {
  console.error(`no report at ${report}`);
  process.exit(1);
}
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const userDataDir = mkdtempSync(join(tmpdir(), 'report-e2e-'));
const problems = [];

// The network is closed and the page must need none of it: these flags keep Chromium from calling home.
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
try {
  const page = await context.newPage();
  const reportUrl = pathToFileURL(report).href;
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()} (${r.failure()?.errorText})`));
  page.on('request', (r) => {
    if (r.url() !== reportUrl) problems.push(`request beyond the file: ${r.url()}`);
  });

  await page.goto(reportUrl, { waitUntil: 'load' });

  for (const id of ['roc-chart', 'pr-chart', 'confusion-chart', 'per-class-chart']) {
    const chart = page.locator(`svg#${id}`);
    if ((await chart.count()) !== 1 || !(await chart.isVisible())) {
      problems.push(`chart ${id} is missing or not visible`);
      continue;
    }
    const box = await chart.boundingBox();
    if (!box || box.width < 100 || box.height < 100) problems.push(`chart ${id} is too small: ${JSON.stringify(box)}`);
  }
  for (const section of required) {
    if ((await page.locator(`section#${section}`).count()) !== 1) problems.push(`no ${section} section, which --require asks for`);
  }
  // The slice table, present with <slices>: a row per slice with a name and a row count, and each slice rule's outcome.
  if ((await page.locator('section#slices').count()) > 0) {
    const table = page.locator('section#slices table');
    const rows = table.locator('tbody tr');
    if ((await table.count()) !== 1 || !(await table.isVisible())) {
      problems.push('the slice table is missing or not visible');
    } else if ((await rows.count()) < 1) {
      problems.push('the slice table has no slice');
    } else {
      for (let i = 0; i < (await rows.count()); i++) {
        const cells = await rows.nth(i).locator('td').allInnerTexts();
        if (!/=|<|>/.test(cells[0] ?? '') || !/^[0-9.]+$/.test(cells[1] ?? '')) {
          problems.push(`slice table row ${i + 1} has no slice name or row count: ${JSON.stringify(cells)}`);
        }
      }
    }
    const rules = await page.locator('section#slices ul.slice-rules li').count();
    console.log(`report-e2e: slice table with ${await rows.count()} slices and ${rules} slice rules`);
  }
  // The monitoring and drift sections, present when ml:monitor wrote monitoring.json before the report was rendered:
  // the live metrics over time, and one histogram chart per drifting attribute (as many as the table marks drifted).
  if ((await page.locator('section#monitoring').count()) > 0) {
    const history = page.locator('svg#monitoring-history-chart');
    if ((await history.count()) !== 1 || !(await history.isVisible())) {
      problems.push('chart monitoring-history-chart is missing or not visible');
    } else if ((await history.locator('polyline').count()) < 1) {
      problems.push('the monitoring history chart has no line');
    }
    if ((await page.locator('section#drift').count()) !== 1) problems.push('a monitoring section without a drift section');
    const drifted = await page.locator('section#drift table span.fail').count();
    const charts = page.locator('section#drift svg.chart');
    if ((await charts.count()) !== drifted) {
      problems.push(`${drifted} drifted attributes in the drift table but ${await charts.count()} drift charts`);
    }
    for (let i = 0; i < (await charts.count()); i++) {
      const chart = charts.nth(i);
      const id = await chart.getAttribute('id');
      const box = await chart.boundingBox();
      if (!(await chart.isVisible()) || !box || box.width < 100 || box.height < 60) {
        problems.push(`drift chart ${id} is missing, not visible or too small: ${JSON.stringify(box)}`);
      }
      if ((await chart.locator('rect[fill]').count()) < 4) problems.push(`drift chart ${id} has no bars`);
    }
    console.log(`report-e2e: monitoring section with ${drifted} drifting attribute charts`);
  }
  const curves = await page.locator('svg#roc-chart polyline').count();
  if (curves < 2) problems.push(`the ROC chart has ${curves} lines; expected the chance diagonal and the candidate`);
  const title = await page.locator('h1').innerText();
  if (!/credit-risk/.test(title)) problems.push(`unexpected title: ${title}`);

  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`report-e2e: ${report} opened in ${executablePath}; screenshot ${screenshot}`);
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

if (problems.length > 0) {
  for (const p of problems) console.error(`report-e2e: ${p}`);
  process.exit(1);
}
console.log('report-e2e: no console errors, no page errors, no requests beyond the file; all charts visible');
