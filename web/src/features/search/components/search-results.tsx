import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '@/components/ui/load-more';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { OpportunitySummary } from '@/features/opportunities';
import { ProjectSummary } from '@/features/projects';
import { useTermLabels, type TermLabels } from '@/lib/taxonomies/use-term-labels';
import { oneOf, stages } from '@/lib/taxonomies/vocabulary';
import { useOpportunitySearch, useProjectSearch, type FacetCount } from '../api/search-requests';
import { FacetGroup } from './facet-group';
import {
  activeFilters,
  opportunityQueryOf,
  projectQueryOf,
  searchOf,
  toggleFacet,
  type FacetName,
  type SearchState,
} from './search-state';

interface Facet {
  name: FacetName;
  title: string;
  facets: readonly FacetCount[];
  labelOf: (value: string) => string;
}

interface ResultsLayoutProps {
  state: SearchState;
  total: number;
  facets: readonly Facet[];
  children: ReactNode;
}

/** The total, the facets (folded on arrival, so that the results come first on a phone) and the list. */
function ResultsLayout({ state, total, facets, children }: ResultsLayoutProps) {
  const { t } = useTranslation();
  const active = activeFilters(state);
  return (
    <>
      <p className="search-total" role="status">
        {t(state.type === 'projects' ? 'marketplace.search.projectTotal' : 'marketplace.search.opportunityTotal', {
          count: total,
        })}
      </p>
      <details className="filters" open={active > 0 || undefined}>
        <summary>
          {active > 0 ? t('marketplace.search.refineActive', { count: active }) : t('marketplace.search.refine')}
        </summary>
        <div className="facets">
          {facets.map((facet) => (
            <FacetGroup
              key={facet.name}
              title={facet.title}
              facets={facet.facets}
              active={state[facet.name]}
              labelOf={facet.labelOf}
              hrefOf={(value) => `/search${searchOf(toggleFacet(state, facet.name, value))}`}
            />
          ))}
        </div>
      </details>
      {children}
    </>
  );
}

/** Sector categories and codes with their labels; the facet gives 3-digit categories. */
function sectorLabel(sectors: TermLabels) {
  return (code: string) => sectors.label(code);
}

export function ProjectResults({ state }: { state: SearchState }) {
  const { t } = useTranslation();
  const list = useProjectSearch(projectQueryOf(state));
  const countries = useTermLabels('countries');
  const sectors = useTermLabels('sectors');

  if (list.isPending) return <LoadingNotice />;
  if (!list.data) return <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />;
  const [first] = list.data.pages;
  const projects = list.data.pages.flatMap((page) => page.items);
  const facets: Facet[] = [
    { name: 'country', title: t('marketplace.search.country'), facets: first?.facets.country ?? [], labelOf: countries.label },
    { name: 'sector', title: t('marketplace.search.sector'), facets: first?.facets.sector_category ?? [], labelOf: sectorLabel(sectors) },
    {
      name: 'stage',
      title: t('marketplace.search.stage'),
      facets: first?.facets.stage ?? [],
      labelOf: (value) => {
        const stage = oneOf(stages, value);
        return stage ? t(`marketplace.stage.${stage}`) : value;
      },
    },
  ];

  return (
    <ResultsLayout state={state} total={first?.total ?? 0} facets={facets}>
      {projects.length === 0 ? (
        <p className="notice">{t('marketplace.search.noProjects')}</p>
      ) : (
        <ul className="result-list" aria-label={t('marketplace.search.projectList')}>
          {projects.map((project) => (
            <li key={project.id}>
              <ProjectSummary project={project} countryLabel={countries.label} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} label={t('marketplace.search.loadMore')} />
    </ResultsLayout>
  );
}

export function OpportunityResults({ state }: { state: SearchState }) {
  const { t } = useTranslation();
  const list = useOpportunitySearch(opportunityQueryOf(state));
  const countries = useTermLabels('countries');
  const sectors = useTermLabels('sectors');
  const categories = useTermLabels('opportunity-categories');

  if (list.isPending) return <LoadingNotice />;
  if (!list.data) return <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />;
  const [first] = list.data.pages;
  const opportunities = list.data.pages.flatMap((page) => page.items);
  const facets: Facet[] = [
    { name: 'category', title: t('marketplace.search.category'), facets: first?.facets.category ?? [], labelOf: categories.label },
    { name: 'country', title: t('marketplace.search.country'), facets: first?.facets.country ?? [], labelOf: countries.label },
    { name: 'sector', title: t('marketplace.search.sector'), facets: first?.facets.sector_category ?? [], labelOf: sectorLabel(sectors) },
  ];

  return (
    <ResultsLayout state={state} total={first?.total ?? 0} facets={facets}>
      {opportunities.length === 0 ? (
        <p className="notice">{t('marketplace.search.noOpportunities')}</p>
      ) : (
        <ul className="result-list" aria-label={t('marketplace.search.opportunityList')}>
          {opportunities.map((opportunity) => (
            <li key={opportunity.id}>
              <OpportunitySummary opportunity={opportunity} countryLabel={countries.label} categoryLabel={categories.label} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} label={t('marketplace.search.loadMore')} />
    </ResultsLayout>
  );
}
