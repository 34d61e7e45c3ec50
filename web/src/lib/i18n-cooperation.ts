import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from 'virtual:locale-section/cooperation/en';
import fr from 'virtual:locale-section/cooperation/fr';

const extended = new WeakSet<I18n>();

/** Adds the cooperation pages' texts to `instance`, once. */
export function addCooperationTexts(instance: I18n): void {
  if (extended.has(instance)) return;
  extended.add(instance);
  instance.addResourceBundle('fr', 'translation', { cooperation: fr }, true, false);
  instance.addResourceBundle('en', 'translation', { cooperation: en }, true, false);
}

/** Called first by every cooperation page: the atlas is public, its texts come with it. */
export function useCooperationTexts(): void {
  addCooperationTexts(useTranslation().i18n);
}
