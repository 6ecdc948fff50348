import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { consentPosts, freshClient, resetPage, seedCookie, storedValue } from '../helpers.js';

const options = { collector: 'https://collector.example' };

beforeEach(() => {
  resetPage();
});
afterEach(() => {
  Object.defineProperty(navigator, 'globalPrivacyControl', { value: undefined, configurable: true });
});

const dialog = () => document.getElementById('cl-prefs') as HTMLDialogElement | null;
const action = (name: string) =>
  document.querySelector<HTMLButtonElement>(`#cl-prefs button[data-cl-action="${name}"]`);
const switches = () =>
  Array.from(document.querySelectorAll<HTMLInputElement>('#cl-prefs input[role="switch"]')).map((b) => [
    b.getAttribute('name'),
    b.checked,
    b.disabled,
  ]);
const storedChoices = () => {
  const raw = document.cookie.match(/(?:^|; )cl_consent=([^;]*)/)?.[1];
  return raw === undefined ? undefined : JSON.parse(decodeURIComponent(raw)).c;
};

async function opened(extra: Record<string, unknown> = {}) {
  const cl = await freshClient();
  cl.init({ ...options, ...extra });
  cl.showPreferences();
  return cl;
}

describe('preferences dialog', () => {
  it('is a labelled modal dialog with one switch per category, all off, necessary on and locked', async () => {
    await opened();
    const d = dialog();
    expect(d?.tagName).toBe('DIALOG');
    expect(d?.open).toBe(true);
    expect(d?.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(d?.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
      'Privacy preferences',
    );
    expect(switches()).toEqual([
      ['necessary', true, true],
      ['analytics', false, false],
      ['performance', false, false],
      ['marketing', false, false],
    ]);
    // Nothing is logged before a decision, so there is nothing to download or delete yet.
    expect(d?.querySelector('.cl-rights')).toBeNull();
    expect(d?.querySelector('.cl-id')).toBeNull();
  });

  it("offers the visitor's rights after a decision: delete posts the visitor id and forgets it", async () => {
    const sent = resetPage();
    const cl = await freshClient();
    cl.init(options);
    cl.acceptAll();
    const visitor = document.cookie.match(/(?:^|; )cl_vid=([0-9a-f]{32})/)?.[1];
    expect(visitor).toMatch(/^[0-9a-f]{32}$/);
    cl.showPreferences();
    expect(action('mine')?.textContent).toBe('Download my data');
    action('erase')?.click();
    await vi.waitFor(() => expect(document.cookie).not.toContain('cl_vid='));
    const asked = sent.filter((r) => r.url.endsWith('/v1/privacy/delete'));
    expect(asked.map((r) => JSON.parse(String(r.init.body)))).toEqual([{ visitor_id: visitor }]);
  });

  it('lists each service: name, recipient, data items and retention', async () => {
    await opened({
      services: {
        marketing: [
          { name: 'Meta Pixel', recipient: 'Meta Platforms', data: 'URL, IP address', retention: '180 days' },
        ],
      },
    });
    const about = document.getElementById('cl-about-marketing')?.textContent;
    expect(about).toContain('Campaign links, and advertising tags.');
    expect(about).toContain('Meta Pixel (Sent to: Meta Platforms) Data: URL, IP address. Kept: 180 days.');
  });

  it('shows the current choices and the consent id', async () => {
    seedCookie(encodeURIComponent(storedValue()));
    const cl = await opened();
    expect(switches().map((s) => s[1])).toEqual([true, true, false, false]);
    expect(dialog()?.querySelector('.cl-id code')?.textContent).toBe(cl.getConsent()?.id);
  });

  it('Save stores exactly the switched-on categories and closes', async () => {
    const cl = await opened();
    (document.getElementById('cl-cat-performance') as HTMLInputElement).click();
    action('save')?.click();
    expect(storedChoices()).toEqual({ analytics: 0, performance: 1, marketing: 0 });
    expect(cl.hasConsent('performance')).toBe(true);
    expect(dialog()).toBeNull();
    expect(consentPosts.map((p) => p.method)).toEqual(['custom']);
  });

  it('Save with nothing on is a refusal; Accept and Reject all work here too', async () => {
    await opened();
    action('save')?.click();
    expect(storedChoices()).toEqual({ analytics: 0, performance: 0, marketing: 0 });
    const cl = await opened();
    action('accept')?.click();
    expect(storedChoices()).toEqual({ analytics: 1, performance: 1, marketing: 1 });
    cl.showPreferences();
    action('reject')?.click();
    expect(storedChoices()).toEqual({ analytics: 0, performance: 0, marketing: 0 });
  });

  it('closing (button, Escape, backdrop) grants nothing and writes nothing', async () => {
    const cl = await opened();
    (document.getElementById('cl-cat-marketing') as HTMLInputElement).click();
    action('close')?.click();
    expect(dialog()).toBeNull();
    cl.showPreferences();
    dialog()?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    dialog()?.close(); // what the browser does on Escape
    cl.showPreferences();
    dialog()?.click(); // a click on the dialog element itself is a click on the backdrop
    expect(dialog()).toBeNull();
    expect(storedChoices()).toBeUndefined();
    expect(cl.hasConsent('marketing')).toBe(false);
    expect(consentPosts).toEqual([]);
  });

  it('opens from any [data-consentlog="preferences"] element', async () => {
    const cl = await freshClient();
    cl.init(options);
    const link = document.createElement('a');
    link.href = '#';
    link.dataset.consentlog = 'preferences';
    link.textContent = 'Cookie settings';
    document.body.append(link);
    link.click();
    expect(dialog()?.open).toBe(true);
  });

  it('lists a site category by its id', async () => {
    await opened({ categories: ['analytics', 'chat'] });
    expect(switches().map((s) => s[0])).toEqual(['necessary', 'analytics', 'chat']);
    expect(document.getElementById('cl-cat-chat')?.parentElement?.textContent).toBe('chat');
  });

  it('under GPC shows "Opt-out request honoured" with marketing off and locked', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    const cl = await opened();
    expect(dialog()?.querySelector('.cl-gpc')?.textContent).toMatch(/^Opt-out request honoured/);
    expect(switches()[3]).toEqual(['marketing', false, true]);
    action('accept')?.click();
    expect(cl.hasConsent('marketing')).toBe(false);
    expect(cl.hasConsent('analytics')).toBe(true);
    expect(consentPosts.map((p) => [p.method, p.choices.marketing])).toEqual([['gpc', false]]);
  });
});
