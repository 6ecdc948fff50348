import type { Page } from 'playwright-core';

export interface PageEntry {
  name: string;
  /** Fixture under test/bench/fixtures/. */
  fixture: string;
  /** The banner's outer box; null for the page without a consent manager. */
  banner: string | null;
  /** Gives consent to everything through the UI, as a visitor would (setup for returning visits). */
  acceptAll?(page: Page): Promise<void>;
}

export const ENTRIES: PageEntry[] = [
  { name: 'no consent manager', fixture: 'baseline', banner: null },
  {
    name: 'consentlog',
    fixture: 'consentlog',
    banner: '#cl-banner',
    acceptAll: (page) => page.click('#cl-banner [data-cl-action="accept"]'),
  },
  {
    name: 'vanilla-cookieconsent',
    fixture: 'vanilla-cookieconsent',
    banner: '#cc-main .cm',
    acceptAll: (page) => page.click('#cc-main .cm [data-role="all"]'),
  },
  {
    name: 'Klaro',
    fixture: 'klaro',
    banner: '.klaro .cookie-notice',
    acceptAll: (page) => page.click('.klaro .cookie-notice .cm-btn-success'),
  },
];
