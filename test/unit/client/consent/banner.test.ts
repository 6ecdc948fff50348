import { beforeEach, describe, expect, it } from 'vitest';
import { CSS } from '../../../../src/client/consent/banner/styles.js';
import { en } from '../../../../src/client/consent/banner/texts.js';
import { freshClient, resetPage, type SentRequest, seedCookie, storedValue } from '../helpers.js';

const options = { collector: 'https://collector.example' };
let sent: SentRequest[];

beforeEach(() => {
  sent = resetPage();
});

const banner = () => document.getElementById('cl-banner');
const button = (action: string) =>
  document.querySelector<HTMLButtonElement>(`#cl-banner button[data-cl-action="${action}"]`);
const storedChoices = () => {
  const raw = document.cookie.match(/(?:^|; )cl_consent=([^;]*)/)?.[1];
  return raw === undefined ? undefined : JSON.parse(decodeURIComponent(raw)).c;
};

async function shown(extra: Record<string, unknown> = {}) {
  const cl = await freshClient();
  cl.init({ ...options, ...extra });
  return cl;
}

describe('first layer', () => {
  it('is a labelled region with Accept all, Reject all and Customize as real buttons', async () => {
    await shown();
    const root = banner();
    expect(root?.tagName).toBe('SECTION');
    expect(root?.getAttribute('aria-label')).toBe('Cookie consent');
    expect(root?.getAttribute('lang')).toBe('en');
    const visible = Array.from(root?.querySelectorAll('button') ?? []).filter((b) => !b.hidden);
    expect(visible.map((b) => b.textContent)).toEqual(['Accept all', 'Reject all', 'Customize']);
    expect(visible.map((b) => b.getAttribute('data-cl-action'))).toEqual(['accept', 'reject', 'customize']);
    expect(visible.every((b) => b.type === 'button')).toBe(true);
    expect(root?.textContent).toContain(en.intro);
  });

  it('gives Accept all and Reject all the same class (same size, colour and weight)', async () => {
    await shown();
    expect(button('accept')?.className).toBe(button('reject')?.className);
    expect(button('accept')?.parentElement).toBe(button('reject')?.parentElement);
  });

  it('links the privacy policy only when policyUrl is set', async () => {
    await shown();
    expect(document.querySelector('#cl-banner a')).toBeNull();
    resetPage();
    await shown({ policyUrl: '/privacy.html' });
    const link = document.querySelector<HTMLAnchorElement>('#cl-banner a.cl-policy');
    expect(link?.getAttribute('href')).toBe('/privacy.html');
    expect(link?.textContent).toBe('Privacy policy');
  });

  it('is not shown when a valid decision exists', async () => {
    seedCookie(encodeURIComponent(storedValue()));
    await shown();
    expect(banner()).toBeNull();
  });

  it('takes the box layout from the layout option', async () => {
    await shown({ layout: 'box' });
    expect(banner()?.className).toBe('cl-ui cl-box');
  });

  it('is shown when the stored decision is for another policy revision', async () => {
    seedCookie(encodeURIComponent(storedValue()));
    await shown({ policyRevision: '2' });
    expect(banner()).not.toBeNull();
  });
});

describe('styles work under a strict CSP', () => {
  it('injects one <style> carrying the nonce, and no inline style or handler attributes', async () => {
    const cl = await shown({ nonce: 'n0nce' });
    cl.reset(); // shows the banner again: the stylesheet must not be added twice
    const styles = document.querySelectorAll('style');
    expect(styles).toHaveLength(1);
    expect(styles[0]?.getAttribute('nonce')).toBe('n0nce');
    expect(styles[0]?.textContent).toBe(CSS);
    const all = [banner(), ...Array.from(banner()?.querySelectorAll('*') ?? [])];
    for (const node of all) {
      const names = node?.getAttributeNames() ?? [];
      expect(names.filter((n) => n === 'style' || n.startsWith('on'))).toEqual([]);
    }
  });

  it('keeps the banner fixed at the bottom, so page content does not move', () => {
    expect(CSS).toMatch(/#cl-banner\{[^}]*position:fixed/);
    expect(CSS).toMatch(/#cl-banner\{[^}]*inset:auto 0 0/);
  });

  it('has no animation or transition, so reduced-motion visitors see nothing move', () => {
    expect(CSS).not.toMatch(/transition|animation|@keyframes/);
  });

  it('declares light and dark colours as overridable custom properties', () => {
    expect(CSS).toMatch(/^:where\(\.cl-ui\)\{--cl-bg:#fff;--cl-fg:#111;/);
    expect(CSS).toMatch(/@media\(prefers-color-scheme:dark\)\{:where\(\.cl-ui\)\{--cl-bg:#1c1c1c/);
  });
});

describe('choices', () => {
  it('Accept all stores every category granted and removes the banner', async () => {
    const cl = await shown();
    button('accept')?.click();
    expect(storedChoices()).toEqual({ analytics: 1, performance: 1, marketing: 1 });
    expect(cl.hasConsent('marketing')).toBe(true);
    expect(banner()).toBeNull();
  });

  it('Reject all stores every category denied and removes the banner, in one click', async () => {
    const cl = await shown();
    button('reject')?.click();
    expect(storedChoices()).toEqual({ analytics: 0, performance: 0, marketing: 0 });
    expect(cl.hasConsent('analytics')).toBe(false);
    expect(banner()).toBeNull();
    expect(sent).toEqual([]);
  });

  it('Customize opens the preferences dialog and decides nothing', async () => {
    await shown();
    button('customize')?.click();
    expect(document.getElementById('cl-prefs')?.hasAttribute('open')).toBe(true);
    expect(storedChoices()).toBeUndefined();
    expect(banner()).not.toBeNull();
  });

  it('API calls remove the banner too, and reset brings it back', async () => {
    const cl = await shown();
    cl.rejectAll();
    expect(banner()).toBeNull();
    cl.reset();
    expect(banner()).not.toBeNull();
    expect(document.querySelectorAll('#cl-banner')).toHaveLength(1);
  });
});
