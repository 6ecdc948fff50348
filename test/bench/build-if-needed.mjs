// `node test/bench/build-if-needed.mjs SCRIPT`: runs `npm run SCRIPT` unless `npm run bench` already
// built this tree (it sets BENCH_BUILT=1), so a part run alone still builds what it measures and the
// whole run does not build three times.
import { spawnSync } from 'node:child_process';

const script = process.argv[2];
if (!script) throw new Error('usage: build-if-needed.mjs SCRIPT');
if (process.env.BENCH_BUILT !== '1') {
  const { status } = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  process.exit(status ?? 1);
}
