import en from '@/locales/en.json';
import fr from '@/locales/fr.json';
import { createI18n } from './i18n';
import { addAccountTexts } from './i18n-account';
import { addContactTexts } from './i18n-contacts';
import { addCooperationTexts } from './i18n-cooperation';
import { addFundingTexts } from './i18n-funding';
import { addIntegrationTexts } from './i18n-integrations';
import { addMarketplaceTexts } from './i18n-marketplace';
import { addOrganisationTexts } from './i18n-organisations';

describe('the locale files', () => {
  it('are loaded whole: every section is in the shell or comes with the account, organisation, marketplace, contact, cooperation, funding or integrations pages', () => {
    const i18n = createI18n('fr');
    addAccountTexts(i18n);
    addOrganisationTexts(i18n);
    addMarketplaceTexts(i18n);
    addContactTexts(i18n);
    addCooperationTexts(i18n);
    addFundingTexts(i18n);
    addIntegrationTexts(i18n);
    expect(i18n.getResourceBundle('fr', 'translation')).toEqual(fr);
    expect(i18n.getResourceBundle('en', 'translation')).toEqual(en);
  });

  it('keep the account pages’ sections out of the first download', () => {
    const i18n = createI18n('fr');
    expect(i18n.exists('app.name')).toBe(true);
    expect(i18n.exists('nav.organisations')).toBe(true);
    expect(i18n.exists('login.title')).toBe(false);
  });

  it('keep the organisation pages’ section apart from the first download and the account pages', () => {
    const i18n = createI18n('en');
    addAccountTexts(i18n);
    expect(i18n.exists('organisations.directoryTitle')).toBe(false);
    addOrganisationTexts(i18n);
    expect(i18n.t('organisations.directoryTitle')).toBe('Organisations');
    expect(i18n.t('organisations.lastOwner')).toBe(en.organisations.lastOwner);
  });

  it('keep the search, project and opportunity pages’ section apart from the first download', () => {
    const i18n = createI18n('fr');
    addAccountTexts(i18n);
    addOrganisationTexts(i18n);
    expect(i18n.exists('marketplace.search.title')).toBe(false);
    addMarketplaceTexts(i18n);
    expect(i18n.t('marketplace.search.title')).toBe(fr.marketplace.search.title);
  });

  it('keep the matchmaking pages’ section apart from the first download and the marketplace', () => {
    const i18n = createI18n('en');
    addMarketplaceTexts(i18n);
    expect(i18n.exists('contacts.matches.title')).toBe(false);
    addContactTexts(i18n);
    expect(i18n.t('contacts.matches.title')).toBe('Possible partners');
    expect(i18n.t('nav.notifications')).toBe(en.nav.notifications);
  });

  it('keep the integrations page’s section apart from the first download and the organisation pages', () => {
    const i18n = createI18n('en');
    addOrganisationTexts(i18n);
    expect(i18n.exists('integrations.keys.title')).toBe(false);
    addIntegrationTexts(i18n);
    expect(i18n.t('integrations.keys.title')).toBe('API keys');
  });
});
