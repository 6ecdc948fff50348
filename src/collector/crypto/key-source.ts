import { statSync } from 'node:fs';
import { type Keyring, loadKeyring } from './keyring.js';

/**
 * The key ring in use, re-read when its file changes: `consentlog rotate-key` writes a new current
 * key into the file while collectors serve, and they encrypt new values with it within
 * `reloadMs`, without a restart. A ring from CONSENTLOG_DATA_KEY never changes under a process.
 */
export class KeyringSource {
  private checkedAt = 0;
  private mtimeMs: number;

  constructor(
    private ring: Keyring,
    readonly file: string | null,
    private readonly reloadMs = 1000,
  ) {
    this.mtimeMs = file ? statSync(file).mtimeMs : 0;
  }

  /** The ring, after a look at the file's modification time at most every `reloadMs`. */
  get(): Keyring {
    if (this.file) {
      const now = Date.now();
      if (now - this.checkedAt >= this.reloadMs) {
        this.checkedAt = now;
        this.reloadIfChanged();
      }
    }
    return this.ring;
  }

  /** Re-read the file now (a value under a key id this ring lacks may be under a newer key). */
  reload(): boolean {
    if (!this.file) return false;
    this.checkedAt = Date.now();
    return this.reloadIfChanged();
  }

  private reloadIfChanged(): boolean {
    const file = this.file as string;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return false; // the file vanished: keep the keys in memory rather than stop serving
    }
    if (mtimeMs === this.mtimeMs) return false;
    let next: Keyring;
    try {
      next = loadKeyring({}, file, false).ring;
    } catch {
      return false; // half-edited or unreadable: keep serving with the keys in memory
    }
    // A rotation only adds keys: a file that lost the index key or a key in use is refused.
    if (!next.indexKey.equals(this.ring.indexKey)) return false;
    this.ring = next;
    this.mtimeMs = mtimeMs;
    return true;
  }
}
