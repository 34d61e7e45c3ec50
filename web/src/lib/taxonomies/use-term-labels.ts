import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '@/lib/i18n';
import { useTaxonomy, type TaxonomyKind, type TaxonomyTerm } from './get-taxonomy';

/** The terms of a taxonomy in the current language, and a label for any code (the code until they arrive). */
export interface TermLabels {
  lang: Language;
  terms: readonly TaxonomyTerm[];
  label: (code: string) => string;
  query: ReturnType<typeof useTaxonomy>;
}

/** The current language of the app, as the API's `lang` takes it. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'fr';
}

/** Labels for the codes of one taxonomy, from the API (cached for an hour). */
export function useTermLabels(taxonomy: TaxonomyKind): TermLabels {
  const lang = useLanguage();
  const query = useTaxonomy(taxonomy, lang);
  const terms = query.data?.items ?? [];
  const labels = new Map(terms.map((term) => [term.code, term.label]));
  return { lang, terms, label: (code) => labels.get(code) ?? code, query };
}
