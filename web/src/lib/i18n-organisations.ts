import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from 'virtual:locale-section/organisations/en';
import fr from 'virtual:locale-section/organisations/fr';

const extended = new WeakSet<I18n>();

/** Adds the organisation pages' texts to `instance`, once. */
export function addOrganisationTexts(instance: I18n): void {
  if (extended.has(instance)) return;
  extended.add(instance);
  instance.addResourceBundle('fr', 'translation', { organisations: fr }, true, false);
  instance.addResourceBundle('en', 'translation', { organisations: en }, true, false);
}

/**
 * Called first by every organisation page: the directory is public and light, so its texts come
 * on their own, not with the account pages'. Pages with forms call `useAccountTexts()` as well.
 */
export function useOrganisationTexts(): void {
  addOrganisationTexts(useTranslation().i18n);
}
