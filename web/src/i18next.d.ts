import 'i18next';
import type fr from '@/locales/fr.json';

// Typed keys: `t('no.such.key')` fails the type check.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
  }
}
