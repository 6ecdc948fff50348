// `npm run bench`: builds once, then runs every benchmark part in sequence. Parts are npm scripts
// named `bench:*`; the ones other branches add (bench:collector, bench:client) run when present.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const ORDER = ['bench:size', 'bench:page', 'bench:collector', 'bench:client', 'bench:queries'];
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
// Known parts in a fixed order, then any other bench:* script, so a new part is never skipped.
const parts = [
  ...ORDER.filter((name) => scripts[name]),
  ...Object.keys(scripts).filter((name) => name.startsWith('bench:') && !ORDER.includes(name)),
];

function run(script) {
  const started = Date.now();
  const { status } = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  return { script, status, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

const build = run('build');
if (build.status !== 0) process.exit(build.status ?? 1);
const results = [build];
for (const part of parts) {
  console.log(`\n===== npm run ${part} =====`);
  results.push(run(part));
}
console.log('\n===== summary =====');
for (const r of results)
  console.log(`${r.script.padEnd(16)} ${r.status === 0 ? 'ok    ' : 'FAILED'} ${r.seconds} s`);
const missing = ORDER.filter((name) => !scripts[name]);
if (missing.length) console.log(`not in this tree (skipped): ${missing.join(', ')}`);
process.exit(results.some((r) => r.status !== 0) ? 1 : 0);
