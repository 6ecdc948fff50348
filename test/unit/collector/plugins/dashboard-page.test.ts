import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP } from '../../../../src/collector/plugins/dashboard-page.js';
import { startTestCollector, type TestCollector } from '../../../helpers/collector-app.js';

let collector: TestCollector | undefined;
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

/** A stand-in for `dist/dashboard`: an index.html and one hashed asset. */
function builtPage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'consentlog-dashboard-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>t</title><script type="module" src="/dashboard/assets/index-abc.js"></script>',
  );
  writeFileSync(join(dir, 'assets/index-abc.js'), 'console.log(1)');
  return dir;
}

describe('the dashboard page', () => {
  it('serves index.html at /dashboard and /dashboard/ with the strict CSP, never cached stale', async () => {
    collector = await startTestCollector({ dashboardDir: builtPage() });
    for (const path of ['/dashboard', '/dashboard/']) {
      const response = await fetch(`${collector.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(await response.text()).toContain('index-abc.js');
    }
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).not.toContain('unsafe');
  });

  it('serves hashed assets as JavaScript, cached for a year; unknown files are 404', async () => {
    collector = await startTestCollector({ dashboardDir: builtPage() });
    const response = await fetch(`${collector.url}/dashboard/assets/index-abc.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${collector.url}/dashboard/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${collector.url}/dashboard/assets/../index.html`)).status).not.toBe(200);
  });

  it('answers 404 with a reason when the page is not built', async () => {
    collector = await startTestCollector({ dashboardDir: join(tmpdir(), 'consentlog-no-such-dir') });
    const response = await fetch(`${collector.url}/dashboard/`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toMatch(/npm run build/);
  });
});
