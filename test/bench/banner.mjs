// `npm run bench:banner`: what the consent banner costs a page on a first visit, in real
// Chromium: time until the banner is in the DOM and painted, long tasks, layout shift, script
// compile+run time. Medians of LOADS fresh visits. Plain JS so it needs no TypeScript runner.
// Compare ratios within one run: the machines are shared, absolute times vary.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = join(import.meta.dirname, '../..');
const LOADS = Number(process.env.LOADS ?? 12);
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const page = (withScript) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
${withScript ? '<script src="/consentlog.js" data-collector="http://127.0.0.1:9/" data-site="bench"></script>' : ''}
</head><body><h1>Bench</h1><p>${'Some text. '.repeat(200)}</p></body></html>`;

const script = readFileSync(join(ROOT, 'dist/consentlog.js'));
const server = createServer((req, res) => {
  if (req.url === '/consentlog.js')
    return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
  res.writeHead(200, { 'Content-Type': 'text/html' }).end(page(req.url !== '/none.html'));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

// Runs in the page before anything else: records when the banner appears, long tasks and shifts.
function probe() {
  const w = window;
  w.bench = { banner: null, longTasks: 0, cls: 0 };
  new MutationObserver(() => {
    if (w.bench.banner === null && document.getElementById('cl-banner')) {
      requestAnimationFrame(() => {
        w.bench.banner = performance.now();
      });
    }
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((l) => {
    w.bench.longTasks += l.getEntries().length;
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) w.bench.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: FLAGS,
});
const rows = [['page', 'DOMContentLoaded ms', 'banner visible ms', 'script ms (CDP)', 'long tasks', 'CLS']];
try {
  for (const [label, path] of [
    ['no consent manager', '/none.html'],
    ['consentlog', '/index.html'],
  ]) {
    const runs = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext();
      const p = await context.newPage();
      await p.addInitScript(probe);
      const cdp = await context.newCDPSession(p);
      await cdp.send('Performance.enable');
      await p.goto(`${origin}${path}`, { waitUntil: 'load' });
      if (path !== '/none.html') await p.waitForFunction(() => window.bench.banner !== null);
      await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const metrics = Object.fromEntries(
        (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
      );
      const b = await p.evaluate(() => ({
        ...window.bench,
        dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
      }));
      runs.push({ ...b, scriptMs: (metrics.ScriptDuration ?? 0) * 1000 });
      await context.close();
    }
    rows.push([
      label,
      median(runs.map((r) => r.dcl)).toFixed(0),
      path === '/none.html' ? '–' : median(runs.map((r) => r.banner)).toFixed(0),
      median(runs.map((r) => r.scriptMs)).toFixed(1),
      median(runs.map((r) => r.longTasks)),
      median(runs.map((r) => r.cls)).toFixed(3),
    ]);
  }
} finally {
  await browser.close();
  server.close();
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
console.log(`banner cost, medians of ${LOADS} fresh loads (headless Chromium)\n`);
for (const row of rows)
  console.log(
    row.map((c, i) => (i ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  '),
  );
