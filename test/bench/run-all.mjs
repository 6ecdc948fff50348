// `npm run bench`: builds once, then runs every benchmark part in sequence, each within a time
// budget, and prints per-part seconds and the total against the whole run's budget (600 s: the
// issue's "under 10 minutes"). Parts are npm scripts named `bench:*`; a part this tree lacks is
// listed as skipped, an unknown `bench:*` script still runs (budget BENCH_BUDGET_OTHER_S).
//
// Budgets are seconds, overridable per part with BENCH_BUDGET_<PART>_S (PART: the script name
// without `bench:`, upper case, `:` → `_`; e.g. BENCH_BUDGET_PAGE_S, BENCH_BUDGET_BUILD_S) and in
// all with BENCH_BUDGET_S. Each part gets its budget in BENCH_PART_BUDGET_S and bounds itself with
// it (the page part stops visiting, the query part caps runs and time-boxes the export); a part
// still running at twice its budget plus 30 s is stopped and marked KILLED. Opt-in parts (the
// PostgreSQL query pass) run only when named in BENCH_PARTS (e.g. BENCH_PARTS=queries:postgres).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
/** Default budgets (s); the default parts add up to the whole run's 600 s. */
const BUDGETS = {
  build: 40,
  'bench:size': 20,
  'bench:page': 235,
  'bench:collector': 85,
  'bench:client': 40,
  'bench:queries': 180,
};
const OPT_IN = { 'bench:queries:postgres': 300, 'bench:sqlite-rows': 120 };
const ORDER = Object.keys(BUDGETS);
const TOTAL_BUDGET = Number(process.env.BENCH_BUDGET_S ?? 600);

const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
const envName = (script) =>
  `BENCH_BUDGET_${script
    .replace(/^bench:/, '')
    .replaceAll(':', '_')
    .replaceAll('-', '_')
    .toUpperCase()}_S`;
const budgetOf = (script) =>
  Number(
    process.env[envName(script)] ??
      BUDGETS[script] ??
      OPT_IN[script] ??
      process.env.BENCH_BUDGET_OTHER_S ??
      60,
  );

/** BENCH_PARTS=size,page: only those (names with or without `bench:`); the build runs only when listed. */
const wanted = process.env.BENCH_PARTS?.split(',')
  .map((p) => p.trim())
  .filter(Boolean)
  .map((p) => (p === 'build' || p.startsWith('bench:') ? p : `bench:${p}`));
const known = [...ORDER, ...Object.keys(OPT_IN)];
const others = Object.keys(scripts).filter((name) => name.startsWith('bench:') && !known.includes(name));
const plan = wanted
  ? [...known, ...others].filter((name) => wanted.includes(name) && (name === 'build' || scripts[name]))
  : [...ORDER.filter((name) => name === 'build' || scripts[name]), ...others];

/** Runs one npm script in its own process group; past 2 × budget + 30 s the group is stopped. */
function run(script, budget) {
  const started = Date.now();
  const child = spawn('npm', ['run', '--silent', script], {
    cwd: root,
    stdio: 'inherit',
    detached: true, // its own process group, so a stuck part is stopped with everything it started
    env: { ...process.env, BENCH_BUILT: '1', BENCH_PART_BUDGET_S: String(budget) },
  });
  let killed = false;
  // In its own group the part no longer gets the terminal's Ctrl-C: pass a stop on to it.
  const forward = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
    process.exit(130);
  };
  process.once('SIGINT', forward).once('SIGTERM', forward);
  const limit = setTimeout(
    () => {
      killed = true;
      console.log(
        `\n${script}: still running at ${2 * budget + 30} s (budget ${budget} s): stopping it (process group ${child.pid})`,
      );
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
    (2 * budget + 30) * 1000,
  );
  return new Promise((done) => {
    child.on('exit', (code) => {
      clearTimeout(limit);
      process.off('SIGINT', forward).off('SIGTERM', forward);
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      done({ script, status: killed ? 'KILLED' : code === 0 ? 'ok' : 'FAILED', seconds, budget });
    });
  });
}

const load = [loadavg()[0]];
const started = Date.now();
const results = [];
for (const part of plan) {
  const budget = budgetOf(part);
  console.log(`\n===== npm run ${part} (budget ${budget} s) =====`);
  const result = await run(part, budget);
  results.push(result);
  if (part === 'build' && result.status !== 'ok') break; // nothing else can run on a failed build
}
load.push(loadavg()[0]);
const total = Math.round((Date.now() - started) / 100) / 10;

console.log('\n===== summary =====');
const over = (r) => (r.seconds > r.budget ? `OVER by ${Math.ceil(r.seconds - r.budget)} s` : 'within');
for (const r of results)
  console.log(
    `${r.script.padEnd(24)} ${r.status.padEnd(6)} ${String(r.seconds).padStart(7)} s  budget ${String(r.budget).padStart(4)} s  ${over(r)}`,
  );
const totalOver = total > TOTAL_BUDGET;
console.log(
  `${'total'.padEnd(24)} ${''.padEnd(6)} ${String(total).padStart(7)} s  budget ${String(TOTAL_BUDGET).padStart(4)} s  ${totalOver ? `OVER by ${Math.ceil(total - TOTAL_BUDGET)} s` : 'within'}`,
);
console.log(`${cpus().length} CPUs, load average ${load.map((l) => l.toFixed(1)).join(' → ')} (start → end)`);
const missing = ORDER.filter((name) => name !== 'build' && !scripts[name]);
if (missing.length && !wanted) console.log(`not in this tree (skipped): ${missing.join(', ')}`);
const optIn = Object.keys(OPT_IN).filter((name) => scripts[name] && !plan.includes(name));
if (optIn.length) console.log(`opt-in, not run (BENCH_PARTS=… to run): ${optIn.join(', ')}`);

mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(
  join(root, 'bench-results/run-all.json'),
  `${JSON.stringify({ date: new Date().toISOString(), cpus: cpus().length, load, totalBudget: TOTAL_BUDGET, total, parts: results }, null, 2)}\n`,
);
if (results.some((r) => r.status !== 'ok')) process.exit(1);
if (totalOver) {
  console.log(`the whole run took longer than its ${TOTAL_BUDGET} s budget`);
  process.exit(1);
}
