import en from '@/locales/en.json';
import fr from '@/locales/fr.json';
import { createI18n } from './i18n';
import { addAccountTexts } from './i18n-account';

describe('the locale files', () => {
  it('are loaded whole: every section is either in the shell or comes with the account pages', () => {
    const i18n = createI18n('fr');
    addAccountTexts(i18n);
    expect(i18n.getResourceBundle('fr', 'translation')).toEqual(fr);
    expect(i18n.getResourceBundle('en', 'translation')).toEqual(en);
  });

  it('keep the account pages’ sections out of the first download', () => {
    const i18n = createI18n('fr');
    expect(i18n.exists('app.name')).toBe(true);
    expect(i18n.exists('login.title')).toBe(false);
  });
});
