import { useTranslation } from 'react-i18next';
import { useTaxonomy } from '@/lib/taxonomies/get-taxonomy';
import { byLabel, type CodeOptions } from '@/lib/taxonomies/code-options';
import { isLanguage, type Language } from '@/lib/i18n';

export interface OrganisationLabels {
  lang: Language;
  /** The kinds in the API's order, which ends with "other"; countries alphabetically. */
  kinds: CodeOptions;
  countries: CodeOptions;
  kindLabel: (code: string) => string;
  countryLabel: (code: string) => string;
  /** The queries of the two lists, for loading and error states. */
  queries: ReadonlyArray<ReturnType<typeof useTaxonomy>>;
}

/**
 * Kinds and countries labelled in the current language, from the API's taxonomies (cached for
 * an hour). Until they arrive, a label is its code, so that pages need not wait for them.
 */
export function useOrganisationLabels(): OrganisationLabels {
  const { i18n } = useTranslation();
  const lang = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'fr';
  const kinds = useTaxonomy('organisation-kinds', lang);
  const countries = useTaxonomy('countries', lang);
  const kindLabels = new Map(kinds.data?.items.map((term) => [term.code, term.label]));
  const countryLabels = new Map(countries.data?.items.map((term) => [term.code, term.label]));
  return {
    lang,
    kinds: { kind: 'flat', terms: kinds.data?.items ?? [] },
    countries: byLabel(countries.data?.items ?? [], lang),
    kindLabel: (code) => kindLabels.get(code) ?? code,
    countryLabel: (code) => countryLabels.get(code) ?? code,
    queries: [kinds, countries],
  };
}
