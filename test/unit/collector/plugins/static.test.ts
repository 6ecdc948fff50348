import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../../../helpers/collector-app.js';

let dir: string;
let c: TestCollector | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'consentlog-static-'));
  await mkdir(join(dir, 'dist'));
  await mkdir(join(dir, 'demo'));
  await writeFile(join(dir, 'demo', 'index.html'), '<!doctype html><title>demo</title>');
  await writeFile(join(dir, 'demo', 'app.js'), 'console.log(1)');
});
afterEach(async () => {
  await c?.close();
  c = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves the built script as text/javascript', async () => {
    await writeFile(join(dir, 'dist', 'consentlog.js'), '/*iife*/');
    await writeFile(join(dir, 'dist', 'consentlog.mjs'), '/*esm*/');
    c = await startTestCollector({ distDir: join(dir, 'dist') });
    for (const [file, text] of [
      ['consentlog.js', '/*iife*/'],
      ['consentlog.mjs', '/*esm*/'],
    ]) {
      const res = await fetch(`${c.url}/${file}`, { headers: { origin: 'https://shop.example.com' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
      // Module scripts are fetched with CORS, so the ESM build needs the header too.
      expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
      expect(await res.text()).toBe(text);
    }
  });

  it('says how to build the script when it is missing', async () => {
    c = await startTestCollector({ distDir: join(dir, 'dist') });
    const res = await fetch(`${c.url}/consentlog.js`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: 'COLLECT_ERR_NOT_FOUND',
      message: 'consentlog.js is not built yet: run `npm run build`',
    });
  });

  it('serves the demo site only with demo on', async () => {
    c = await startTestCollector({ demo: true, demoDir: join(dir, 'demo') });
    const page = await fetch(`${c.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>demo</title>');
    expect((await fetch(`${c.url}/app.js`)).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    await c.close();

    c = await startTestCollector({ demoDir: join(dir, 'demo') });
    expect((await fetch(`${c.url}/`)).status).toBe(404);
  });
});
