import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from 'virtual:locale-section/funding/en';
import fr from 'virtual:locale-section/funding/fr';

const extended = new WeakSet<I18n>();

/** Adds the funding pages' texts to `instance`, once. */
export function addFundingTexts(instance: I18n): void {
  if (extended.has(instance)) return;
  extended.add(instance);
  instance.addResourceBundle('fr', 'translation', { funding: fr }, true, false);
  instance.addResourceBundle('en', 'translation', { funding: en }, true, false);
}

/** Called first by every funding page: their texts come with them only. */
export function useFundingTexts(): void {
  addFundingTexts(useTranslation().i18n);
}
