import type { LocalText } from '@rapport/core';
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { zhHans } from './zh-hans.js';

/** The languages the console speaks, by BCP 47 tag. */
export const LANGUAGES = [
  { tag: 'en', name: 'English' },
  { tag: 'zh-Hans', name: '简体中文' },
] as const;

/** A language the console speaks. */
export type Language = (typeof LANGUAGES)[number]['tag'];

const CHOICE_STORAGE = 'rapport.console.language';

/** The console language for a user's language (`zh-CN`, `zh`, `zh-Hans-CN` → `zh-Hans`; others → `en`). */
export function consoleLanguage(tag: string | undefined): Language {
  if (!tag) return 'en';
  const lower = tag.toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-hans') || lower === 'zh-cn' || lower === 'zh-sg')
    return 'zh-Hans';
  return 'en';
}

/** The language chosen in this browser with the switcher, if any. */
export function chosenLanguage(): Language | undefined {
  try {
    const stored = localStorage.getItem(CHOICE_STORAGE);
    return stored ? consoleLanguage(stored) : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the language chosen with the switcher. */
export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(CHOICE_STORAGE, language);
  } catch {
    // The choice then lasts for this page only.
  }
}

/** A fresh i18next instance with both catalogues, in `language`. */
export function createI18n(language: Language = 'en'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-Hans': { translation: zhHans } },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

/** A plugin's text for `language`: the text itself, its entry for the language, or the English one. */
export function localText(text: LocalText | undefined, language: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[language] ?? text[language.split('-')[0] as string] ?? text.en ?? Object.values(text)[0] ?? '';
}
