import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AdminToken {
  token: string;
  /** Where it is kept; null when it came from the environment. */
  file: string | null;
  /** True on the start that generated it: the only time it is printed. */
  created: boolean;
}

/** `admin-token` next to the database, unless configured. */
export const defaultTokenFile = (db: string): string => join(dirname(db), 'admin-token');

/**
 * The admin token: `CONSENTLOG_ADMIN_TOKEN` when set, else the one kept in `file`, else a new one
 * (256 random bits) written there with owner-only permissions (0600, refusing to overwrite a file
 * that appeared meanwhile). A kept file readable by others is refused: the token would have leaked.
 */
export function resolveAdminToken(env: Record<string, string | undefined>, file: string): AdminToken {
  const fromEnv = env.CONSENTLOG_ADMIN_TOKEN?.trim();
  if (fromEnv) {
    if (fromEnv.length < 16) throw new Error('CONSENTLOG_ADMIN_TOKEN must be at least 16 characters');
    return { token: fromEnv, file: null, created: false };
  }
  if (existsSync(file)) {
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
      throw new Error(
        `admin token file ${file} is readable by others: chmod 600 it (or delete it to make a new one)`,
      );
    }
    const token = readFileSync(file, 'utf8').trim();
    if (token.length < 16) throw new Error(`admin token file ${file} holds no usable token`);
    return { token, file, created: false };
  }
  const token = randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, file, created: true };
}
