import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { ROOT } from './collector-process.js';

/** What the page saw that it must not: dialogs (alert from a payload) and CSP violations. */
export interface PageWatch {
  dialogs: string[];
  violations: () => Promise<string[]>;
}

export async function watchPage(page: Page): Promise<PageWatch> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  return {
    dialogs,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  };
}

/** Runs `action` and waits until the page has loaded every panel again (body[data-loads] moved on). */
export async function afterLoad(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = Number((await page.locator('body').getAttribute('data-loads')) ?? 0);
  await action();
  await page.waitForFunction(
    (n) =>
      Number(document.body.dataset.loads ?? 0) > n && document.getElementById('main')?.ariaBusy === 'false',
    before,
  );
}

/** After a navigation (goto, reload): waits for the new document's first full load. */
export async function firstLoad(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      Number(document.body.dataset.loads ?? 0) >= 1 && document.getElementById('main')?.ariaBusy === 'false',
  );
}

export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/dashboard/`);
  await page.getByLabel('Access token').fill(token);
  await afterLoad(page, () => page.getByRole('button', { name: 'Sign in' }).click());
}

const number = (text: string | null): number => Number((text ?? '').replace(/[^\d.-]/g, ''));

/** The overview numbers as shown. */
export async function shownTotals(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const metric of ['visitors', 'pageviews', 'visits']) {
    out[metric] = number(await page.locator(`[data-metric="${metric}"] .value`).textContent());
  }
  return out;
}

/** A breakdown table as shown: `value → [metric columns…]`, in shown order. */
export async function shownTable(page: Page, name: string): Promise<[string, number[]][]> {
  return page.locator(`[data-breakdown="${name}"] tbody tr`).evaluateAll((rows) =>
    rows
      .filter((tr) => tr.querySelector('th'))
      .map((tr) => {
        const value = tr.querySelector('th .value-text, th button.pick')?.textContent ?? '';
        const nums = Array.from(tr.querySelectorAll('td.num')).map((td) =>
          Number((td.textContent ?? '').replace(/[^\d.-]/g, '')),
        );
        return [value, nums] as [string, number[]];
      }),
  );
}

/** Aggregates computed straight from the collector's SQLite file, independent of the API. */
export function sql<T>(dbPath: string, query: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** axe-core's serious and critical findings on the page. Evaluated, not injected: the CSP blocks inline scripts. */
export async function axeSerious(page: Page): Promise<string[]> {
  const source = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string; nodes: { target: unknown }[] }[] };
    const axe = (window as unknown as { axe: { run(c: Document): Promise<Result> } }).axe;
    const result = await axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target)).slice(0, 300)}`);
  });
}

/** RFC 4180 fields of a CSV text (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
