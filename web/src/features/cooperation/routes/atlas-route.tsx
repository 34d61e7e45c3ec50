import '../components/cooperation.css';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadMore } from '@/components/ui/load-more';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { frenchRegionName } from '@/lib/french-regions';
import { useCooperationTexts } from '@/lib/i18n-cooperation';
import { useTermLabels } from '@/lib/taxonomies/use-term-labels';
import { useAggregates, useLinkList, type LinkFilters } from '../api/cooperation';
import { CountryMap } from '../components/country-map';
import { CountsChart } from '../components/counts-chart';
import { LinkSummary } from '../components/link-summary';

const FILTERS = ['q', 'country', 'region', 'status', 'level', 'theme', 'french_region', 'confirmed'] as const;

/** The filters the address holds; `confirmed` is there only as `true` (unticked: every link). */
function filtersFrom(params: URLSearchParams): LinkFilters {
  const filters: Record<string, string | boolean> = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (!value) continue;
    if (name === 'confirmed') {
      if (value === 'true') filters.confirmed = true;
    } else filters[name] = value;
  }
  return filters as LinkFilters;
}

/** Facet values with their names, in the reader's alphabetical order. */
function named(
  facets: ReadonlyArray<{ value: string; count: number }>,
  name: (code: string) => string,
  lang: string,
): Array<{ value: string; count: number; name: string }> {
  const collator = new Intl.Collator(lang);
  return facets.map((facet) => ({ ...facet, name: name(facet.value) })).sort((a, b) => collator.compare(a.name, b.name));
}

/** The atlas of cooperation links: filters in the address, a map and a chart by country, the list. */
export function AtlasRoute() {
  useCooperationTexts();
  const { t } = useTranslation();
  const countries = useTermLabels('countries');
  const regions = useTermLabels('regions');
  const sectors = useTermLabels('sectors');
  const lang = countries.lang;
  const regionName = (code: string) => frenchRegionName(code, lang);
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const list = useLinkList(filters);
  const byCountry = useAggregates('country');

  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const counts = Object.fromEntries((byCountry.data?.counts ?? []).map((count) => [count.key, count.links]));
  const top = (byCountry.data?.counts ?? []).filter((count) => count.key !== 'FR').slice(0, 12);
  const facets = list.data?.pages[0]?.facets;

  return (
    <section aria-labelledby="atlas-title">
      <h1 id="atlas-title">{t('cooperation.atlasTitle')}</h1>
      <p className="lead">{t('cooperation.atlasIntro')}</p>
      <p>
        <Link className="button" to="/cooperation/new">
          {t('cooperation.record')}
        </Link>{' '}
        <Link to="/stats">{t('cooperation.statsLink')}</Link> · <Link to="/territories">{t('cooperation.diasporaLink')}</Link>
      </p>
      <form
        className="atlas-filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const next = new URLSearchParams();
          for (const name of FILTERS) {
            const value = String(data.get(name) ?? '').trim();
            if (value) next.set(name, value);
          }
          setParams(next);
        }}
        // Uncontrolled selects take their value once: mount the form again once their options
        // (facets, taxonomies) have arrived, so the address's filters show selected.
        key={`${params.toString()}|${facets ? 'facets' : ''}|${regions.terms.length}|${countries.terms.length}`}
      >
        <label>
          {t('cooperation.words')}
          <input name="q" type="search" defaultValue={filters.q ?? ''} />
        </label>
        <label>
          {t('cooperation.country')}
          <select name="country" defaultValue={filters.country ?? ''}>
            <option value="">{t('cooperation.any')}</option>
            {named(facets?.country ?? [], countries.label, lang).map((facet) => (
              <option key={facet.value} value={facet.value}>
                {facet.name} ({facet.count})
              </option>
            ))}
            {filters.country && !facets?.country.some((f) => f.value === filters.country) && (
              <option value={filters.country}>{countries.label(filters.country)}</option>
            )}
          </select>
        </label>
        <label>
          {t('cooperation.worldRegion')}
          <select name="region" defaultValue={filters.region ?? ''}>
            <option value="">{t('cooperation.any')}</option>
            {regions.terms.map((region) => (
              <option key={region.code} value={region.code}>
                {region.label}
              </option>
            ))}
            {filters.region && !regions.terms.some((region) => region.code === filters.region) && (
              <option value={filters.region}>{filters.region}</option>
            )}
          </select>
        </label>
        <label>
          {t('cooperation.statusLabel')}
          <select name="status" defaultValue={filters.status ?? ''}>
            <option value="">{t('cooperation.any')}</option>
            {(['active', 'dormant', 'ended'] as const).map((status) => (
              <option key={status} value={status}>
                {t(`cooperation.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cooperation.levelLabel')}
          <select name="level" defaultValue={filters.level ?? ''}>
            <option value="">{t('cooperation.any')}</option>
            {(['region', 'department', 'municipality', 'grouping'] as const).map((level) => (
              <option key={level} value={level}>
                {t(`cooperation.level.${level}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cooperation.theme')}
          <select name="theme" defaultValue={filters.theme ?? ''}>
            <option value="">{t('cooperation.any')}</option>
            {(facets?.theme ?? []).map((facet) => (
              <option key={facet.value} value={facet.value}>
                {sectors.label(facet.value)} ({facet.count})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cooperation.frenchRegion')}
          <select name="french_region" defaultValue={filters.french_region ?? ''}>
            <option value="">{t('cooperation.any')}</option>
            {named(facets?.french_region ?? [], regionName, lang).map((facet) => (
              <option key={facet.value} value={facet.value}>
                {facet.name} ({facet.count})
              </option>
            ))}
            {filters.french_region && !facets?.french_region.some((f) => f.value === filters.french_region) && (
              <option value={filters.french_region}>{regionName(filters.french_region)}</option>
            )}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" name="confirmed" value="true" defaultChecked={filters.confirmed === true} />
          {t('cooperation.onlyConfirmed')}
        </label>
        <button type="submit" className="button">
          {t('cooperation.search')}
        </button>
      </form>
      <div className="atlas-figures">
        <CountryMap
          counts={counts}
          selected={filters.country}
          onSelect={(country) => setFilter('country', country)}
          title={t('cooperation.mapTitle')}
          label={(country, count) => t('cooperation.mapCountry', { country: countries.label(country), count })}
        />
        {top.length > 0 && (
          <CountsChart
            title={t('cooperation.chartTitle')}
            data={top.map((count) => ({ country: countries.label(count.key), links: count.links, projects: count.projects }))}
            category="country"
            horizontal
            wideLabels
            series={[
              { key: 'links', label: t('cooperation.links'), color: '#1f5f3b' },
              { key: 'projects', label: t('cooperation.linkedProjects'), color: '#c58b1a' },
            ]}
          />
        )}
      </div>
      {list.isPending ? (
        <LoadingNotice />
      ) : !list.data ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <p aria-live="polite" data-testid="atlas-total">
            {t('cooperation.total', { count: list.data.pages[0]?.total ?? 0 })}
          </p>
          <ul className="link-list" aria-label={t('cooperation.listLabel')}>
            {list.data.pages
              .flatMap((page) => page.items)
              .map((link) => (
                <li key={link.id}>
                  <LinkSummary link={link} />
                </li>
              ))}
          </ul>
          <LoadMore list={list} label={t('cooperation.loadMore')} />
        </>
      )}
    </section>
  );
}
