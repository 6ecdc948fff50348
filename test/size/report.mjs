// `npm run size`: raw, gzip -9 and brotli bytes of each budgeted file, against its ceiling (the
// check `npm test` enforces: 12,000 bytes, what issue #3 asks for) and an optional lower target.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure } from './measure.mjs';

const root = join(import.meta.dirname, '../..');
const { sizeBudget } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const rows = [['file', 'raw', 'gzip -9', 'brotli', 'ceiling', 'target', 'status']];
let failed = false;
for (const [file, budget] of Object.entries(sizeBudget)) {
  const path = join(root, file);
  if (!existsSync(path)) {
    console.error(`${file} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
  const size = measure(path);
  const ok = size.gzip <= budget.gzip;
  failed ||= !ok;
  const target = budget.target ?? budget.gzip;
  const status = !ok ? 'OVER CEILING' : size.gzip > target ? `ok; ${size.gzip - target} over target` : 'ok';
  rows.push([file, size.raw, size.gzip, size.brotli, budget.gzip, target, status]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
for (const row of rows) console.log(row.map((c, i) => String(c).padStart(widths[i])).join('  '));
process.exit(failed ? 1 : 0);
