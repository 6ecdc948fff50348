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
  /** Dialog buttons for the visitor's rights: download and delete what was logged. */
  mine: string;
  erase: string;
  /** Per category: name and purpose. A site's own category without an entry shows its id. */
  categories: Record<string, [name: string, purpose: string]>;
}

/** Keys of the flat texts, in the order each language's string lists them. */
const KEYS =
  'label,intro,policy,accept,reject,customize,save,title,close,gpc,id,data,to,kept,allow,mine,erase'.split(
    ',',
  );
/** Built-in categories, in the order each language's string lists their name and purpose. */
const CATS = ['necessary', 'analytics', 'performance', 'marketing'];

/**
 * One `|`-separated string per language: the texts in `KEYS` order, then name and purpose per
 * category in `CATS` order. Key names stored once instead of once per language save bytes.
 */
function unpack(lang: string, packed: string): Texts {
  // The IIFE build writes a run of CJK characters as `~` + 3 base-36 digits per character
  // (vite.config.ts `packCjk`).
  const parts = packed
    .replace(/~([\da-z]+)/g, (_, run: string) =>
      run.replace(/.../g, (n) => String.fromCharCode(Number.parseInt(n, 36) + 0x3000)),
    )
    .split('|');
  const t: Record<string, unknown> = { lang };
  const categories: Texts['categories'] = {};
  for (const key of KEYS) t[key] = parts.shift();
  for (const cat of CATS) categories[cat] = parts.splice(0, 2) as [string, string];
  t.categories = categories;
  return t as unknown as Texts;
}

export const en: Texts = unpack(
  'en',
  'Cookie consent|We log visits, page speed and campaigns only if you agree. You can change your mind at any time.' +
    '|Privacy policy|Accept all|Reject all|Customize|Save choices|Privacy preferences|Close' +
    '|Opt-out request honoured (Global Privacy Control): marketing is off.|Consent ID|Data|Sent to|Kept|Allow %s' +
    '|Download my data|Delete my data' +
    '|Necessary|One cookie that keeps your choice. Always on.' +
    '|Analytics|Pages you visit, the referring page, your browser and screen size.' +
    '|Performance|How fast pages load and respond.' +
    '|Marketing|Campaign links, and advertising tags.',
);

const ja = unpack(
  'ja',
  'Cookieの同意|同意いただいた場合のみ、閲覧・表示速度・キャンペーンを記録します。いつでも変更できます。' +
    '|プライバシーポリシー|すべて同意|すべて拒否|詳細設定|選択を保存|プライバシー設定|閉じる' +
    '|オプトアウト要求（GPC）に対応済み：マーケティングはオフです。|同意ID|送信される情報|送信先|保存期間|%sを許可' +
    '|自分のデータをダウンロード|自分のデータを削除' +
    '|必須|選択内容を保存するCookie 1つ。常にオン。' +
    '|アクセス解析|閲覧ページ、参照元、ブラウザ、画面サイズ。' +
    '|パフォーマンス|ページの表示と応答の速さ。' +
    '|マーケティング|キャンペーンリンクと広告タグ。',
);

const ko = unpack(
  'ko',
  '쿠키 동의|동의하신 경우에만 방문, 페이지 속도, 캠페인을 기록합니다. 언제든지 변경할 수 있습니다.' +
    '|개인정보 처리방침|모두 허용|모두 거부|설정|선택 저장|개인정보 설정|닫기' +
    '|옵트아웃 요청(GPC) 반영됨: 마케팅이 꺼져 있습니다.|동의 ID|전송 항목|수신자|보관 기간|%s 허용' +
    '|내 데이터 다운로드|내 데이터 삭제' +
    '|필수|선택을 저장하는 쿠키 1개. 항상 켜짐.' +
    '|분석|방문 페이지, 참조 페이지, 브라우저, 화면 크기.' +
    '|성능|페이지 로딩 및 응답 속도.' +
    '|마케팅|캠페인 링크 및 광고 태그.',
);

const BUILT_IN: Record<string, Texts> = { en, ja, ko };

const primary = (tag: string): string => (tag.toLowerCase().split('-')[0] as string) || '';

/**
 * The language to speak: `lang` from the config, then `<html lang>`, then the browser's
 * languages in order; the first one we have texts for (built in or from the site) wins.
 */
export function pickLang(config: Config): string {
  const wanted = [config.lang, document.documentElement.lang, ...navigator.languages];
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
