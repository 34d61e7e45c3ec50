import { createI18n } from '@/lib/i18n';
import { addContactTexts } from '@/lib/i18n-contacts';
import type { Reason } from '../api/get-matches';
import { formatScore, reasonWords, skillsOf, type ReasonLabels } from './reason-words';

const labels: Record<'fr' | 'en', ReasonLabels> = {
  fr: {
    sector: (code) => ({ '32161': 'agro-industries', '321': 'Industrie', '31320': 'Pêche' })[code] ?? code,
    country: (code) => ({ SN: 'Sénégal', ML: 'Mali' })[code] ?? code,
    region: (code) => ({ '1030': 'Afrique de l’Ouest' })[code] ?? code,
    language: (code) => ({ fr: 'français', wo: 'wolof' })[code] ?? code,
  },
  en: {
    sector: (code) => ({ '32161': 'agro-industries', '321': 'Industry' })[code] ?? code,
    country: (code) => ({ SN: 'Senegal', ML: 'Mali' })[code] ?? code,
    region: (code) => ({ '1030': 'Western Africa' })[code] ?? code,
    language: (code) => ({ fr: 'French' })[code] ?? code,
  },
};

function reason(criterion: Reason['criterion'], shared: string[], strength = 1): Reason {
  return { criterion, shared, strength, weight: 0.3, detail: 'the English detail is never shown' };
}

function words(lang: 'fr' | 'en', value: Reason): string {
  const i18n = createI18n(lang);
  addContactTexts(i18n);
  return reasonWords(value, i18n.t, labels[lang], lang);
}

describe('the words of a match’s reasons', () => {
  it('name the shared sectors, countries and regions from the taxonomies, in French', () => {
    expect(words('fr', reason('sector', ['32161']))).toBe('Même secteur : agro-industries');
    expect(words('fr', reason('sector', ['321'], 0.6))).toBe('Même famille de secteurs : Industrie');
    expect(words('fr', reason('place', ['SN']))).toBe('Même pays : Sénégal');
    expect(words('fr', reason('place', ['1030'], 0.5))).toBe('Même région : Afrique de l’Ouest');
    expect(words('fr', reason('place', [], 0.5))).toBe('Faisable à distance');
  });

  it('list the skills as the API folded them and the languages by name, joined as the language joins lists', () => {
    expect(words('fr', reason('skills', ['sechage']))).toBe('Compétences en commun : sechage');
    expect(words('fr', reason('skills', ['sechage', 'froid', 'emballage'], 0.5))).toBe(
      'Compétences en commun : sechage, froid et emballage',
    );
    expect(words('fr', reason('languages', ['fr', 'wo']))).toBe('Langue commune : français et wolof');
    expect(words('fr', reason('sector', ['32161', '31320']))).toBe('Même secteur : agro-industries et Pêche');
  });

  it('spell the skills as the matched item does, accents included', () => {
    const i18n = createI18n('fr');
    addContactTexts(i18n);
    const spelled = { ...labels.fr, skill: skillsOf([' Séchage ', 'Froid']) };
    expect(reasonWords(reason('skills', ['sechage', 'froid']), i18n.t, spelled, 'fr')).toBe('Compétences en commun : Séchage et Froid');
  });

  it('say the criteria that share nothing in plain words, not the API’s detail', () => {
    expect(words('fr', reason('text', [], 0.2))).toBe('Descriptions proches');
    expect(words('fr', reason('freshness', [], 0.9))).toBe('Publiée récemment');
    expect(words('fr', reason('verified_organisation', [], 0.5))).toBe('Organisation vérifiée');
  });

  it('speak English to English readers', () => {
    expect(words('en', reason('sector', ['32161']))).toBe('Same sector: agro-industries');
    expect(words('en', reason('place', ['SN', 'ML']))).toBe('Same country: Senegal and Mali');
    expect(words('en', reason('place', ['1030'], 0.5))).toBe('Same region: Western Africa');
    expect(words('en', reason('languages', ['fr']))).toBe('Common language: French');
  });

  it('show the score as a whole percentage in the reader’s typography', () => {
    expect(formatScore(0.874, 'fr').replace(/\s/g, ' ')).toBe('87 %');
    expect(formatScore(0.874, 'en')).toBe('87%');
    expect(formatScore(1.2, 'en')).toBe('100%');
  });
});
