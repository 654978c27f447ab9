import i18next, { type i18n } from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import ko from './locales/ko.json' with { type: 'json' };
import vi from './locales/vi.json' with { type: 'json' };

/**
 * Every word the bot says, in catalogues per language (src/i18n/locales/*.json), through
 * i18next: `{{name}}` placeholders, plural forms by `count` (Intl plural rules). The question
 * bank itself stays in English; everything around it is translated.
 */

export const LOCALES = ['en', 'ko', 'vi'] as const;
export type Locale = (typeof LOCALES)[number];
/** What a member can choose with /settings language: a language, or auto. */
export const LANGUAGES = ['auto', ...LOCALES] as const;
export type Language = (typeof LANGUAGES)[number];

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type StripPlural<K extends string> =
  K extends `${infer B}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? B : K;

/** A key of the English catalogue (plural forms named without their suffix). */
export type MessageKey = StripPlural<Leaves<typeof en>>;
/** Placeholder values: text, numbers, or a message of their own (translated first). */
export type Params = { [name: string]: string | number | Message };
/** Translates one key for one language; `locale` serves date and number formatting. */
export type T = ((key: MessageKey, params?: Params) => string) & { locale: Locale };

/** A message to show later, in whatever language the reader has. */
export type Message = { key: MessageKey; params?: Params };

/**
 * A key built at run time (a command's own entries: `commands.<name>.usage`). Every such key is
 * checked against the catalogue by the tests.
 */
export function dynamicKey(key: string): MessageKey {
  return key as MessageKey;
}

export function hasKey(key: string): boolean {
  return catalogue().exists(key) || catalogue().exists(`${key}_other`);
}

let instance: i18n | undefined;

function catalogue(): i18n {
  if (instance === undefined) {
    instance = i18next.createInstance();
    void instance.init({
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: [...LOCALES],
      initAsync: false,
      resources: { en: { translation: en }, ko: { translation: ko }, vi: { translation: vi } },
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return instance;
}

export function translator(locale: Locale): T {
  const fixed = catalogue().getFixedT(locale);
  const translate = (key: MessageKey, params?: Params): string => {
    if (params === undefined) return fixed(key);
    const flat: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(params)) {
      flat[name] = typeof value === 'object' ? translate(value.key, value.params) : value;
    }
    return fixed(key, flat);
  };
  return Object.assign(translate, { locale });
}

export const say = (t: T, m: Message): string => t(m.key, m.params);

/** A bank display name in the reader's language, English where the bank has no translation. */
export function local(
  text: { en: string; ko?: string | undefined; vi?: string | undefined },
  locale: Locale,
): string {
  return text[locale] ?? text.en;
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * The language to speak to a member: their own choice, else the locale Discord (or the
 * terminal's LANG) reports, mapped to ours (en-US, en-GB -> en; ko; vi; anything else -> en).
 */
export function resolveLocale(language: string | null | undefined, seen: string | null | undefined): Locale {
  if (language !== null && language !== undefined && language !== 'auto' && isLocale(language))
    return language;
  const base = (seen ?? '').toLowerCase().replace('_', '-').split(/[-.]/)[0] ?? '';
  return isLocale(base) ? base : 'en';
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
