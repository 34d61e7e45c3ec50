import { useTermLabels, type TermLabels } from '@/lib/taxonomies/use-term-labels';
import { byLabel, type CodeOptions } from '@/lib/taxonomies/code-options';
import { groupSectors } from '@/lib/taxonomies/group-sectors';

/** The code lists the project and opportunity pages label and choose from. */
export interface MarketplaceLabels {
  countries: TermLabels;
  sectors: TermLabels;
  categories: TermLabels;
  currencies: TermLabels;
  languages: TermLabels;
  options: {
    countries: CodeOptions;
    /** 5-digit codes under their category: projects and opportunities name precise sectors. */
    sectors: CodeOptions;
    categories: CodeOptions;
    currencies: CodeOptions;
    languages: CodeOptions;
  };
  /** The queries of the lists, for loading and error states of the forms. */
  queries: ReadonlyArray<TermLabels['query']>;
}

export function useMarketplaceLabels(): MarketplaceLabels {
  const countries = useTermLabels('countries');
  const sectors = useTermLabels('sectors');
  const categories = useTermLabels('opportunity-categories');
  const currencies = useTermLabels('currencies');
  const languages = useTermLabels('languages');
  const lang = countries.lang;
  return {
    countries,
    sectors,
    categories,
    currencies,
    languages,
    options: {
      countries: byLabel(countries.terms, lang),
      sectors: {
        kind: 'grouped',
        groups: groupSectors(sectors.terms).map((category) => ({
          label: `${category.code} ${category.label}`,
          terms: category.codes,
        })),
      },
      categories: { kind: 'flat', terms: categories.terms },
      currencies: byLabel(currencies.terms, lang),
      languages: byLabel(languages.terms, lang),
    },
    queries: [countries.query, sectors.query, categories.query, currencies.query, languages.query],
  };
}
