import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/collector/cli.js');

export interface RunningCollector {
  url: string;
  db: string;
  process: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the BUILT collector (`dist/collector/cli.js serve`) on a free loopback port, on a new
 * SQLite file unless `db` names one (or a postgres:// URL). `env` is added to this process's; with
 * PostgreSQL the data key file goes to a temporary folder unless `env` says where.
 */
export async function startCollector(
  extraArgs: string[] = [],
  db?: string,
  env: Record<string, string> = {},
): Promise<RunningCollector> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const dbPath = db ?? join(mkdtempSync(join(tmpdir(), 'consentlog-e2e-')), 'consentlog.db');
  const keyFile =
    dbPath.startsWith('postgres') && !env.CONSENTLOG_DATA_KEY_FILE
      ? { CONSENTLOG_DATA_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'consentlog-key-')), 'data-key.json') }
      : {};
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', dbPath, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...keyFile, ...env } },
  );
  let out = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector did not start in 15 s:\n${out}`)), 15_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`collector exited with ${code} before listening:\n${out}`));
    });
  });
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<number | null>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
      child.once('exit', (code) => done(code));
      child.kill(signal);
    });
  return { url, db: dbPath, process: child, output: () => out, stop };
}
