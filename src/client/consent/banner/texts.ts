import type { Config } from '../../config.js';

/**
 * Everything the banner and the preferences dialog say, one object per language. A site's
 * `texts[lang]` merge over the built-in object; proof-of-consent records hash the merged result,
 * so keep keys stable. `%s` stands for a category name.
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
  /** Preferences dialog title. */
  title: string;
  close: string;
  /** Shown in the dialog when Global Privacy Control denied marketing. */
  gpc: string;
  /** Label of the visitor's consent id. */
  id: string;
  /** Labels of a service's data items, recipient and retention. */
  data: string;
  to: string;
  kept: string;
  /** Button of a blocked iframe's placeholder. */
  allow: string;
  /** Per category: name and purpose. A site's own category without an entry shows its id. */
  categories: Record<string, [name: string, purpose: string]>;
}

export const en: Texts = {
  lang: 'en',
  label: 'Cookie consent',
  intro: 'We log visits, page speed and campaigns only if you agree. You can change your mind at any time.',
  policy: 'Privacy policy',
  accept: 'Accept all',
  reject: 'Reject all',
  customize: 'Customize',
  save: 'Save choices',
  title: 'Privacy preferences',
  close: 'Close',
  gpc: 'Opt-out request honoured (Global Privacy Control): marketing is off.',
  id: 'Consent ID',
  data: 'Data',
  to: 'Sent to',
  kept: 'Kept',
  allow: 'Allow %s',
  categories: {
    necessary: ['Necessary', 'One cookie that keeps your choice. Always on.'],
    analytics: ['Analytics', 'Pages you visit, the referring page, your browser and screen size.'],
    performance: ['Performance', 'How fast pages load and respond.'],
    marketing: ['Marketing', 'Campaign links, and advertising tags.'],
  },
};

const ja: Texts = {
  lang: 'ja',
  label: 'Cookieの同意',
  intro: '同意いただいた場合のみ、閲覧・表示速度・キャンペーンを記録します。いつでも変更できます。',
  policy: 'プライバシーポリシー',
  accept: 'すべて同意',
  reject: 'すべて拒否',
  customize: '詳細設定',
  save: '選択を保存',
  title: 'プライバシー設定',
  close: '閉じる',
  gpc: 'オプトアウト要求（GPC）に対応済み：マーケティングはオフです。',
  id: '同意ID',
  data: '送信される情報',
  to: '送信先',
  kept: '保存期間',
  allow: '%sを許可',
  categories: {
    necessary: ['必須', '選択内容を保存するCookie 1つ。常にオン。'],
    analytics: ['アクセス解析', '閲覧ページ、参照元、ブラウザ、画面サイズ。'],
    performance: ['パフォーマンス', 'ページの表示と応答の速さ。'],
    marketing: ['マーケティング', 'キャンペーンリンクと広告タグ。'],
  },
};

const ko: Texts = {
  lang: 'ko',
  label: '쿠키 동의',
  intro: '동의하신 경우에만 방문, 페이지 속도, 캠페인을 기록합니다. 언제든지 변경할 수 있습니다.',
  policy: '개인정보 처리방침',
  accept: '모두 허용',
  reject: '모두 거부',
  customize: '설정',
  save: '선택 저장',
  title: '개인정보 설정',
  close: '닫기',
  gpc: '옵트아웃 요청(GPC) 반영됨: 마케팅이 꺼져 있습니다.',
  id: '동의 ID',
  data: '전송 항목',
  to: '수신자',
  kept: '보관 기간',
  allow: '%s 허용',
  categories: {
    necessary: ['필수', '선택을 저장하는 쿠키 1개. 항상 켜짐.'],
    analytics: ['분석', '방문 페이지, 참조 페이지, 브라우저, 화면 크기.'],
    performance: ['성능', '페이지 로딩 및 응답 속도.'],
    marketing: ['마케팅', '캠페인 링크 및 광고 태그.'],
  },
};

const BUILT_IN: Record<string, Texts> = { en, ja, ko };

const primary = (tag: string): string => (tag.toLowerCase().split('-')[0] as string) || '';

/**
 * The language to speak: `lang` from the config, then `<html lang>`, then the browser's
 * languages in order; the first one we have texts for (built in or from the site) wins.
 */
export function pickLang(config: Config): string {
  const wanted = [
    config.lang,
    document.documentElement.lang,
    ...(navigator.languages || [navigator.language]),
  ];
  for (const tag of wanted) {
    const p = primary(tag || '');
    if (BUILT_IN[p] || config.texts[p]) return p;
  }
  return 'en';
}

let cache: Texts | undefined;

/** The texts for this page: built-in (English for a new language) with the site's overrides on top. */
export function textsFor(config: Config): Texts {
  if (cache) return cache;
  const lang = pickLang(config);
  const base = BUILT_IN[lang] || { ...en, lang };
  const over = config.texts[lang] || {};
  cache = { ...base, ...over, categories: { ...base.categories, ...over.categories } };
  return cache;
}

/** A category's name and purpose; a site category without texts shows its id. */
export const categoryText = (t: Texts, cat: string): [string, string] => t.categories[cat] || [cat, ''];

/** `%s` → the category's name. */
export const fill = (template: string, t: Texts, cat: string): string =>
  template.replace('%s', categoryText(t, cat)[0]);
