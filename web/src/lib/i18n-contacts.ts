import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from 'virtual:locale-section/contacts/en';
import fr from 'virtual:locale-section/contacts/fr';

const extended = new WeakSet<I18n>();

/** Adds the texts of matches, interests, conversations, notifications and introductions to `instance`, once. */
export function addContactTexts(instance: I18n): void {
  if (extended.has(instance)) return;
  extended.add(instance);
  instance.addResourceBundle('fr', 'translation', { contacts: fr }, true, false);
  instance.addResourceBundle('en', 'translation', { contacts: en }, true, false);
}

/**
 * Called first by every page and panel of matchmaking (matches, the interest form, the inboxes,
 * conversations, notifications, introductions): they share their words (statuses, answers), so
 * their texts come as one section, apart from the first download and the marketplace's.
 */
export function useContactTexts(): void {
  addContactTexts(useTranslation().i18n);
}
