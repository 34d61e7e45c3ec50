import {
  oneOf,
  opportunityCategories,
  sorts,
  stages,
  type OpportunityCategory,
  type ProjectStage,
  type Sort,
} from '@/lib/taxonomies/vocabulary';
import type { OpportunityQuery, ProjectQuery } from '../api/search-requests';

export type SearchType = 'projects' | 'opportunities';

/**
 * What the search page shows, all of it in the address (`/search?type=projects&q=eau&country=SN`)
 * so that a search can be shared, bookmarked and gone back to.
 */
export interface SearchState {
  type: SearchType;
  q?: string;
  /** An OECD-DAC region code (`1030` West Africa); it combines with a country. */
  region?: string;
  country?: string;
  /** A 3-digit DAC category (from the facet) or a 5-digit code. */
  sector?: string;
  /** Opportunities only. */
  category?: OpportunityCategory;
  /** Projects only. */
  stage?: ProjectStage;
  sort?: Sort;
}

/**
 * Whether `code` may be a DAC region that names a place (the API's `region` filter refuses the
 * others): digits, and not 998, "developing countries, unspecified".
 */
export function isPlaceRegion(code: string): boolean {
  return /^\d{2,4}$/.test(code) && code !== '998';
}

/** The filters a facet sets; each takes one value at a time, as the API does. */
export type FacetName = 'country' | 'sector' | 'category' | 'stage';

/** Reads the address, dropping what the API would refuse (a 400 helps nobody who typed a link). */
export function searchStateFrom(params: URLSearchParams): SearchState {
  const type: SearchType = params.get('type') === 'opportunities' ? 'opportunities' : 'projects';
  const state: SearchState = { type };
  const q = params.get('q')?.trim();
  if (q) state.q = q.slice(0, 200);
  const region = params.get('region');
  if (region && isPlaceRegion(region)) state.region = region;
  const country = params.get('country')?.toUpperCase();
  if (country && /^[A-Z]{2}$/.test(country)) state.country = country;
  const sector = params.get('sector');
  if (sector && /^\d{3}(\d{2})?$/.test(sector)) state.sector = sector;
  if (type === 'opportunities') {
    const category = oneOf(opportunityCategories, params.get('category'));
    if (category) state.category = category;
  } else {
    const stage = oneOf(stages, params.get('stage'));
    if (stage) state.stage = stage;
  }
  const sort = oneOf(sorts, params.get('sort'));
  // "Expiring soon" only means something for opportunities.
  if (sort && (type === 'opportunities' || sort !== 'expiring_soon')) state.sort = sort;
  return state;
}

/** The address's query string for `state`, in a stable order; `type` is left out when it is the default. */
export function searchOf(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.type === 'opportunities') params.set('type', state.type);
  for (const name of ['q', 'region', 'country', 'sector', 'category', 'stage', 'sort'] as const) {
    const value = state[name];
    if (value) params.set(name, value);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** `state` with one facet set to `value`, or cleared when it already had that value (a toggle). */
export function toggleFacet(state: SearchState, name: FacetName, value: string): SearchState {
  const next: SearchState = { ...state };
  if (state[name] === value) delete next[name];
  else (next as Record<FacetName, string | undefined>)[name] = value;
  return next;
}

/** The same words and shared filters, shown as the other type of result. */
export function switchType(state: SearchState, type: SearchType): SearchState {
  const { q, region, country, sector, sort } = state;
  return searchStateFrom(new URLSearchParams(searchOf({ type, q, region, country, sector, sort })));
}

/** How many facets are set: shown on the folded filters so that nobody forgets one. */
export function activeFilters(state: SearchState): number {
  return (['country', 'sector', 'category', 'stage'] as const).filter((name) => state[name]).length;
}

export function projectQueryOf({ q, region, country, sector, stage, sort }: SearchState): ProjectQuery {
  return clean({ q, region, country, sector, stage, sort });
}

export function opportunityQueryOf({ q, region, country, sector, category, sort }: SearchState): OpportunityQuery {
  return clean({ q, region, country, sector, category, sort });
}

/** Without the undefined members, so that equal searches share one cache entry. */
function clean<T extends object>(query: T): T {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as T;
}
