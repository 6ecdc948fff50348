// `npm run bench:page`: what each consent manager costs a page, in headless Chromium, same run.
import { launchChromium } from '../helpers/browser.js';
import { startCollector } from '../helpers/collector-process.js';
import { readRows } from '../helpers/db.js';
import { type Cell, median, printTable, round, writeResult } from './lib/report.js';
import { ENTRIES, type PageEntry } from './page/entries.js';
import { startBenchSite } from './page/server.js';
import { consentCookies, type VisitKind, type VisitResult, type VisitSetup, visit } from './page/visit.js';

const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 15);
const KINDS: VisitKind[] = ['first', 'returning'];
/**
 * Time for the visits: BENCH_PAGE_BUDGET_S, else the part's budget from `npm run bench` less 10 s
 * (start, the tables, shutting down), else 225 s. Past it no visit starts and the tables say so.
 */
const PART_BUDGET_S = Number(process.env.BENCH_PART_BUDGET_S ?? 235);
const BUDGET_MS = Number(process.env.BENCH_PAGE_BUDGET_S ?? PART_BUDGET_S - 10) * 1000;

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

const med = (results: VisitResult[], pick: (r: VisitResult) => number | null): number | null => {
  const values = results.map(pick).filter((v): v is number => v !== null);
  return values.length === results.length ? median(values) : null;
};

function summarize(results: VisitResult[], kind: VisitKind) {
  return ENTRIES.map((entry) => {
    // A page without a consent manager has nothing to return to: its returning visit is the same
    // visit as its first (no cookie, no script), so its first visits stand for both rows.
    const same = !entry.acceptAll && kind === 'returning';
    const mine = results.filter((r) => r.entry === entry.name && r.kind === (same ? 'first' : kind));
    return {
      entry: same ? `${entry.name} (its first visits)` : entry.name,
      kind,
      visits: mine.length,
      bannerShown: mine.filter((r) => r.bannerMs !== null).length,
      bannerMs: med(mine, (r) => r.bannerMs),
      loadMs: med(mine, (r) => r.loadMs),
      scriptMs: med(mine, (r) => r.scriptMs),
      longTasks: med(mine, (r) => r.longTasks),
      maxLongTasks: Math.max(...mine.map((r) => r.longTasks)),
      totalBlockingMs: med(mine, (r) => r.totalBlockingMs),
      layoutShift: med(mine, (r) => r.layoutShift),
      maxLayoutShift: Math.max(...mine.map((r) => r.layoutShift)),
      heapKB: med(mine, (r) => r.heapKB),
    };
  });
}

type Summary = ReturnType<typeof summarize>[number];
const show = (n: number | null, digits = 1): Cell => (n === null ? '–' : round(n, digits));

function print(rows: Summary[], kind: VisitKind): void {
  const title =
    kind === 'first'
      ? `Page cost, first visit (banner shows); medians of up to ${RUNS} fresh profiles each (see 'banner shown' for the count), shuffled`
      : `Page cost, returning visit (consent already given: no banner; consentlog sends its pageview); medians of up to ${RUNS}`;
  printTable(
    title,
    [
      'entry',
      'banner visible ms',
      'banner shown',
      'load ms',
      'script ms (CDP)',
      'long tasks (max)',
      'TBT ms',
      'CLS (max)',
      'JS heap after GC KB',
    ],
    rows.map((r) => [
      r.entry,
      show(r.bannerMs),
      `${r.bannerShown}/${r.visits}`,
      show(r.loadMs),
      show(r.scriptMs),
      `${show(r.longTasks, 0)} (${r.maxLongTasks})`,
      show(r.totalBlockingMs),
      `${show(r.layoutShift, 4)} (${round(r.maxLayoutShift, 4)})`,
      show(r.heapKB, 0),
    ]),
  );
}

function verdict(first: Summary[]): string[] {
  const ours = first.find((r) => r.entry === 'consentlog');
  const vanilla = first.find((r) => r.entry === 'vanilla-cookieconsent');
  if (!ours || !vanilla) return [];
  const ratio = (a: number | null, b: number | null) => (a !== null && b ? `${round(a / b, 2)}×` : '–');
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  return [
    `banner visible: consentlog ${show(ours.bannerMs)} ms vs vanilla-cookieconsent ${show(vanilla.bannerMs)} ms (${ratio(ours.bannerMs, vanilla.bannerMs)}) → ${met((ours.bannerMs ?? Infinity) < (vanilla.bannerMs ?? 0))}`,
    `script cost: consentlog ${show(ours.scriptMs)} ms vs vanilla-cookieconsent ${show(vanilla.scriptMs)} ms (${ratio(ours.scriptMs, vanilla.scriptMs)}) → ${met((ours.scriptMs ?? Infinity) < (vanilla.scriptMs ?? 0))}`,
    `no long task: consentlog max ${ours.maxLongTasks} in ${ours.visits} first visits → ${met(ours.maxLongTasks === 0)}`,
    `layout shift 0: consentlog max ${round(ours.maxLayoutShift, 4)} → ${met(ours.maxLayoutShift === 0)}`,
  ];
}

async function main(): Promise<void> {
  const started = Date.now();
  const collector = await startCollector();
  const site = await startBenchSite(collector.url);
  const browser = await launchChromium();
  try {
    const probe = await browser.newPage();
    const userAgent = (await probe.evaluate(() => navigator.userAgent)).replace('HeadlessChrome', 'Chrome');
    await probe.close();
    const setup: VisitSetup = { browser, userAgent, siteUrl: site.url };
    // Setup doubles as warm-up: each entry loads once (and is accepted) before anything is timed.
    const cookies = new Map<string, Awaited<ReturnType<typeof consentCookies>>>();
    for (const entry of ENTRIES) cookies.set(entry.name, await consentCookies(setup, entry));
    const pageviewsBefore = readRows(collector.db, "type = 'pageview'").length;
    // Rounds: each holds one visit of every entry and kind, in shuffled order. The machine's load
    // drifts alike for every entry, and a run cut short by the budget leaves the rows even.
    const kindsOf = (entry: PageEntry) => (entry.acceptAll ? KINDS : (['first'] as VisitKind[]));
    const oneRound = () =>
      shuffle(ENTRIES.flatMap((entry) => kindsOf(entry).map((kind) => ({ entry, kind }))));
    const plan = Array.from({ length: RUNS }, oneRound).flat();
    const results: VisitResult[] = [];
    for (const [i, { entry, kind }] of plan.entries()) {
      // Bounded: past the budget the rest of the shuffled plan is dropped and the table says so.
      if (Date.now() - started > BUDGET_MS) {
        console.log(`page: time budget reached after ${i} of ${plan.length} visits; the tables use those`);
        break;
      }
      results.push(await visit(setup, entry, kind, cookies.get(entry.name) ?? []));
      if ((i + 1) % 20 === 0) console.log(`page: ${i + 1} of ${plan.length} visits`);
    }
    // The collector answers before the row is visible to another reader only in theory: give it a beat.
    await new Promise((r) => setTimeout(r, 300));
    const pageviews = readRows(collector.db, "type = 'pageview'").length - pageviewsBefore;
    const expectedPageviews = results.filter(
      (r) => r.entry === 'consentlog' && r.kind === 'returning',
    ).length;
    const first = summarize(results, 'first');
    const returning = summarize(results, 'returning');
    print(first, 'first');
    print(returning, 'returning');
    for (const line of verdict(first)) console.log(line);
    console.log(
      `consentlog pageviews stored: ${pageviews}; expected ${expectedPageviews} (one per returning visit, none from first visits) → ${pageviews === expectedPageviews ? 'ok' : 'MISMATCH'}`,
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(`bench:page took ${round(seconds)} s (${results.length} of ${plan.length} planned visits)`);
    writeResult('page', {
      runs: RUNS,
      chromium: browser.version(),
      userAgent,
      seconds,
      pageviewsStored: pageviews,
      pageviewsExpected: expectedPageviews,
      first,
      returning,
      visits: results,
    });
  } finally {
    await browser.close();
    await site.close();
    await collector.stop();
  }
}

await main();
