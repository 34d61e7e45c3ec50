import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from 'virtual:locale-section/marketplace/en';
import fr from 'virtual:locale-section/marketplace/fr';

const extended = new WeakSet<I18n>();

/** Adds the texts of the search, project and opportunity pages to `instance`, once. */
export function addMarketplaceTexts(instance: I18n): void {
  if (extended.has(instance)) return;
  extended.add(instance);
  instance.addResourceBundle('fr', 'translation', { marketplace: fr }, true, false);
  instance.addResourceBundle('en', 'translation', { marketplace: en }, true, false);
}

/**
 * Called first by every search, project and opportunity page. The three share their vocabulary
 * (stages, categories, statuses), so their texts come as one section, apart from the first
 * download. Pages with forms call `useAccountTexts()` as well.
 */
export function useMarketplaceTexts(): void {
  addMarketplaceTexts(useTranslation().i18n);
}
