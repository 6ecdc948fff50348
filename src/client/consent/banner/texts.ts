/**
 * Everything the banner says, one object per language. Japanese and Korean objects join `ALL`
 * later; a site's overrides will merge over the chosen object the same way options merge over
 * DEFAULTS. Keys are stable: proof-of-consent records will hash these texts.
 */
export interface Texts {
  /** BCP 47 tag of these texts, set as the banner's `lang`. */
  lang: string;
  /** Accessible name of the banner region. */
  label: string;
  intro: string;
  policy: string;
  accept: string;
  reject: string;
  customize: string;
  save: string;
  /** Legend of the category chooser. */
  choose: string;
  /** Per category: name and purpose. A site's own category without an entry shows its id. */
  categories: Record<string, [name: string, purpose: string]>;
}

export const en: Texts = {
  lang: 'en',
  label: 'Cookie consent',
  intro:
    'With your consent we log your visits (analytics), page speed (performance) and the campaign ' +
    'that brought you here (marketing). Nothing is logged unless you agree; you can change your mind at any time.',
  policy: 'Privacy policy',
  accept: 'Accept all',
  reject: 'Reject all',
  customize: 'Customize',
  save: 'Save choices',
  choose: 'Choose what you allow',
  categories: {
    necessary: ['Necessary', 'One cookie that keeps your choice. Always on.'],
    analytics: ['Analytics', 'Pages you visit, the referring page, your browser and screen size.'],
    performance: ['Performance', 'How fast pages load and respond.'],
    marketing: ['Marketing', 'Campaign links, and advertising tags.'],
  },
};

const ALL: Record<string, Texts> = { en };

/** Texts for a language tag: `en-GB` → `en`; unknown languages get English. */
export function textsFor(lang: string): Texts {
  return ALL[lang.toLowerCase().split('-')[0] as string] || en;
}
