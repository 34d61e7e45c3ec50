import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from 'virtual:locale-section/integrations/en';
import fr from 'virtual:locale-section/integrations/fr';

const extended = new WeakSet<I18n>();

/** Adds the integrations page's texts to `instance`, once. */
export function addIntegrationTexts(instance: I18n): void {
  if (extended.has(instance)) return;
  extended.add(instance);
  instance.addResourceBundle('fr', 'translation', { integrations: fr }, true, false);
  instance.addResourceBundle('en', 'translation', { integrations: en }, true, false);
}

/** Called first by the integrations page: its texts come with it only. */
export function useIntegrationTexts(): void {
  addIntegrationTexts(useTranslation().i18n);
}
