import { type SearchState, searchOf } from '@/features/search';
import type { Criteria, SavedSearch } from '../api/saved-search-requests';

/** The criteria of the search page's state, as a saved search keeps them (the order is not a criterion). */
export function criteriaOf(state: SearchState): Criteria {
  const criteria: Criteria = {};
  if (state.q) criteria.q = state.q;
  if (state.region) criteria.region = state.region;
  if (state.country) criteria.country = state.country;
  if (state.sector) criteria.sector = state.sector;
  if (state.type === 'opportunities' && state.category) criteria.category = state.category;
  if (state.type === 'projects' && state.stage) criteria.stage = state.stage;
  return criteria;
}

/** The search page's address for a saved search, to see its results now. */
export function searchPathOf(search: Pick<SavedSearch, 'kind' | 'criteria'>): string {
  const { criteria } = search;
  const state: SearchState = {
    type: search.kind,
    q: criteria.q ?? undefined,
    region: criteria.region ?? undefined,
    country: criteria.country ?? undefined,
    sector: criteria.sector ?? undefined,
    category: criteria.category ?? undefined,
    stage: criteria.stage ?? undefined,
  };
  return `/search${searchOf(state)}`;
}
