import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type enFile from '@/locales/en.json';
import type frFile from '@/locales/fr.json';
import enShell from 'virtual:locale-shell/en';
import frShell from 'virtual:locale-shell/fr';

export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'marcottage.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language | undefined {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLanguage(value) ? value : undefined;
  } catch {
    // Storage can be disabled (private browsing, strict settings): fall back to the browser's wish.
    return undefined;
  }
}

/**
 * The language to start in: the member's earlier choice, else the first of French or English
 * that the browser lists, else French, which comes first on Marcottage.
 */
export function initialLanguage(preferred: readonly string[] = navigator.languages ?? []): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'fr';
}

/** Switches the app to `lng` and remembers the choice for the next visits. */
export async function chooseLanguage(instance: I18n, lng: Language): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, lng);
  } catch {
    // Not remembered across visits; the page still switches.
  }
  await instance.changeLanguage(lng);
}

/** Keeps `<html lang>` and the document title in step with the language, for screen readers. */
function followLanguage(instance: I18n) {
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    document.title = instance.t('app.name');
  });
}

// A key missing from the English file is a type error.
const englishHasEveryKey: typeof enFile extends typeof frFile ? true : never = true;
void englishHasEveryKey;

/**
 * Builds an i18next instance with the texts of the app shell and the public pages, in both
 * languages (they are small). The account and profile pages add the other sections of the locale
 * files when they load (`useAccountTexts` in `i18n-account.ts`), so that the first download
 * stays light. The shell's sections are listed in vite.config.ts; shell components use only those.
 */
export function createI18n(lng: Language = initialLanguage()): I18n {
  const instance = i18next.createInstance();
  followLanguage(instance);
  void instance.use(initReactI18next).init({
    lng,
    fallbackLng: 'fr',
    supportedLngs: languages,
    // Copies: i18next keeps these objects and `addResourceBundle` adds sections to them.
    resources: { fr: { translation: { ...frShell } }, en: { translation: { ...enShell } } },
    interpolation: { escapeValue: false }, // React escapes already.
    initAsync: false,
  });
  return instance;
}
