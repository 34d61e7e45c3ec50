import '@/components/ui/form.css';
import '../components/search.css';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '@/features/auth';
import { useTermLabels } from '@/lib/taxonomies/use-term-labels';
import { CodeSelect } from '@/components/ui/code-select';
import { byLabel } from '@/lib/taxonomies/code-options';
import { useMarketplaceTexts } from '@/lib/i18n-marketplace';
import { OpportunityResults, ProjectResults } from '../components/search-results';
import {
  isPlaceRegion,
  searchOf,
  searchStateFrom,
  switchType,
  type SearchState,
  type SearchType,
} from '../components/search-state';

// Members only: the form and its texts load when a member opens the search page.
const SaveSearch = lazy(() =>
  import('@/features/saved-searches').then((m) => ({ default: m.SaveSearch })),
);

/**
 * Projects and opportunities by words, region, country, sector, stage and category, for everyone. All
 * of it lives in the address, so the back button, a bookmark and a shared link all work.
 */
export function SearchRoute() {
  useMarketplaceTexts();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const state = searchStateFrom(params);
  const { status } = useSession();

  const tabs: { type: SearchType; label: string }[] = [
    { type: 'projects', label: t('marketplace.search.projectsTab') },
    { type: 'opportunities', label: t('marketplace.search.opportunitiesTab') },
  ];

  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{t('marketplace.search.title')}</h1>
      <SearchForm key={searchOf(state)} state={state} />
      {status === 'authenticated' && (
        <Suspense fallback={null}>
          <SaveSearch key={searchOf(state)} state={state} />
        </Suspense>
      )}
      <nav aria-label={t('marketplace.search.typesLabel')} className="search-tabs">
        <ul>
          {tabs.map((tab) => (
            <li key={tab.type}>
              <Link
                to={`/search${searchOf(switchType(state, tab.type))}`}
                aria-current={state.type === tab.type ? 'page' : undefined}
              >
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {state.type === 'projects' ? <ProjectResults state={state} /> : <OpportunityResults state={state} />}
    </section>
  );
}

/**
 * The words, the region and the order; the facets keep their values when these change. A region
 * (West Africa…) is not a facet of the API: it is chosen from the DAC regions that name a place,
 * and combines with a country.
 */
function SearchForm({ state }: { state: SearchState }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useRef<HTMLFormElement>(null);
  const regions = useTermLabels('regions');
  const [region, setRegion] = useState(state.region ?? '');
  return (
    <form
      ref={form}
      role="search"
      aria-label={t('marketplace.search.formLabel')}
      className="search-form"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const next = new URLSearchParams(searchOf({ ...state, q: undefined, region: undefined, sort: undefined }));
        for (const name of ['q', 'region', 'sort']) {
          const value = data.get(name);
          if (typeof value === 'string' && value.trim()) next.set(name, value.trim());
        }
        void navigate({ pathname: '/search', search: searchOf(searchStateFrom(next)) });
      }}
    >
      <div className="search-form__words">
        <label htmlFor="search-words">{t('marketplace.search.words')}</label>
        <div className="search-form__row">
          <input
            id="search-words"
            className="input"
            type="search"
            name="q"
            maxLength={200}
            defaultValue={state.q ?? ''}
            placeholder={t('marketplace.search.wordsPlaceholder')}
          />
          <button type="submit" className="button">
            {t('marketplace.search.submit')}
          </button>
        </div>
      </div>
      <div className="search-form__region">
        <CodeSelect
          name="region"
          label={t('marketplace.search.region')}
          options={byLabel(
            regions.terms.filter((term) => isPlaceRegion(term.code)),
            regions.lang,
          )}
          value={region}
          onChange={(code) => {
            setRegion(code);
            // The select already shows the new region, which the submission reads.
            form.current?.requestSubmit();
          }}
          noneLabel={t('marketplace.search.anyRegion')}
        />
      </div>
      <div className="search-form__sort">
        <label htmlFor="search-sort">{t('marketplace.search.sort')}</label>
        <select
          id="search-sort"
          className="input"
          name="sort"
          defaultValue={state.sort ?? ''}
          onChange={(event) => event.currentTarget.form?.requestSubmit()}
        >
          {/* Without words, the API sorts by date: "relevance" would mean nothing. */}
          <option value="">{state.q ? t('marketplace.search.sortDefault') : t('marketplace.search.sortNewest')}</option>
          {state.q && <option value="newest">{t('marketplace.search.sortNewest')}</option>}
          {state.type === 'opportunities' && <option value="expiring_soon">{t('marketplace.search.sortExpiring')}</option>}
        </select>
      </div>
    </form>
  );
}
