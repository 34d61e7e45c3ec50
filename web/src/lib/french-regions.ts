import type { Language } from '@/lib/i18n';

/**
 * The French regions by their ISO 3166-2 code, in French and English: the API's taxonomies
 * name countries and DAC regions, not subdivisions, and the atlas filters links by the French
 * region of their northern side. 13 metropolitan regions and 5 overseas ones; Corsica and the
 * overseas regions under both the codes ISO has given them (`FR-20R`/`FR-COR`, `FR-974`/`FR-RE`).
 */
const REGIONS: Record<string, { fr: string; en: string }> = {
  'FR-ARA': { fr: 'Auvergne-Rhône-Alpes', en: 'Auvergne-Rhône-Alpes' },
  'FR-BFC': { fr: 'Bourgogne-Franche-Comté', en: 'Bourgogne-Franche-Comté' },
  'FR-BRE': { fr: 'Bretagne', en: 'Brittany' },
  'FR-CVL': { fr: 'Centre-Val de Loire', en: 'Centre-Val de Loire' },
  'FR-20R': { fr: 'Corse', en: 'Corsica' },
  'FR-COR': { fr: 'Corse', en: 'Corsica' },
  'FR-GES': { fr: 'Grand Est', en: 'Grand Est' },
  'FR-HDF': { fr: 'Hauts-de-France', en: 'Hauts-de-France' },
  'FR-IDF': { fr: 'Île-de-France', en: 'Île-de-France' },
  'FR-NOR': { fr: 'Normandie', en: 'Normandy' },
  'FR-NAQ': { fr: 'Nouvelle-Aquitaine', en: 'Nouvelle-Aquitaine' },
  'FR-OCC': { fr: 'Occitanie', en: 'Occitania' },
  'FR-PDL': { fr: 'Pays de la Loire', en: 'Pays de la Loire' },
  'FR-PAC': { fr: 'Provence-Alpes-Côte d’Azur', en: 'Provence-Alpes-Côte d’Azur' },
  'FR-971': { fr: 'Guadeloupe', en: 'Guadeloupe' },
  'FR-GP': { fr: 'Guadeloupe', en: 'Guadeloupe' },
  'FR-972': { fr: 'Martinique', en: 'Martinique' },
  'FR-MQ': { fr: 'Martinique', en: 'Martinique' },
  'FR-973': { fr: 'Guyane', en: 'French Guiana' },
  'FR-GF': { fr: 'Guyane', en: 'French Guiana' },
  'FR-974': { fr: 'La Réunion', en: 'Réunion' },
  'FR-RE': { fr: 'La Réunion', en: 'Réunion' },
  'FR-976': { fr: 'Mayotte', en: 'Mayotte' },
  'FR-YT': { fr: 'Mayotte', en: 'Mayotte' },
};

/** The region's name in `lang`; an unknown code (a department, a new region) shows as itself. */
export function frenchRegionName(code: string, lang: Language): string {
  return REGIONS[code.toUpperCase()]?.[lang] ?? code;
}
