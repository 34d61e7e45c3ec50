import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import type { Language } from '@/lib/i18n';

export type TaxonomyKind = components['schemas']['TaxonomyKind'];
export type Taxonomy = components['schemas']['Taxonomy'];
export type TaxonomyTerm = components['schemas']['TaxonomyTerm'];

export function taxonomyQueryOptions(taxonomy: TaxonomyKind, lang: Language) {
  return queryOptions({
    queryKey: ['taxonomies', taxonomy, lang] as const,
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/taxonomies/{taxonomy}', { params: { path: { taxonomy }, query: { lang } }, signal })),
    // Code lists change with a release of the standard, not during a visit.
    staleTime: 60 * 60 * 1000,
    // Keep showing the old labels while the other language loads, rather than a blank list.
    placeholderData: keepPreviousData,
  });
}

/** The terms of one taxonomy, labelled in `lang`; refetched when the language changes. */
export function useTaxonomy(taxonomy: TaxonomyKind, lang: Language) {
  return useQuery(taxonomyQueryOptions(taxonomy, lang));
}
