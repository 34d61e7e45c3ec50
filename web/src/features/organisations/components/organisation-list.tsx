import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useOrganisationList, type Organisation, type OrganisationFilters } from '../api/get-organisations';
import type { OrganisationLabels } from './use-organisation-labels';
import { VerifiedBadge } from './verified-badge';

interface OrganisationListProps {
  filters: OrganisationFilters;
  labels: OrganisationLabels;
}

/** The directory's results, a page at a time behind "Show more" (lighter than endless scrolling). */
export function OrganisationList({ filters, labels }: OrganisationListProps) {
  const { t } = useTranslation();
  const list = useOrganisationList(filters);

  if (list.isPending) return <LoadingNotice />;
  if (!list.data) return <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />;

  const organisations = list.data.pages.flatMap((page) => page.items);
  if (organisations.length === 0) return <p className="notice">{t('organisations.none')}</p>;

  return (
    <>
      <ul className="organisation-list" aria-label={t('organisations.listLabel')}>
        {organisations.map((organisation) => (
          <li key={organisation.id}>
            <OrganisationSummary organisation={organisation} labels={labels} />
          </li>
        ))}
      </ul>
      {list.isFetchNextPageError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.fetchNextPage()} />
      ) : (
        list.hasNextPage && (
          <button
            type="button"
            className="button button--secondary"
            disabled={list.isFetchingNextPage}
            aria-busy={list.isFetchingNextPage || undefined}
            onClick={() => void list.fetchNextPage()}
          >
            {list.isFetchingNextPage ? t('status.loading') : t('organisations.loadMore')}
          </button>
        )
      )}
    </>
  );
}

function OrganisationSummary({ organisation, labels }: { organisation: Organisation; labels: OrganisationLabels }) {
  return (
    <article className="organisation-summary">
      <h2>
        <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
      </h2>
      <p className="organisation-summary__meta">
        {organisation.verified && <VerifiedBadge />} {labels.kindLabel(organisation.kind)} ·{' '}
        {placeOf(organisation, labels)}
      </p>
      {organisation.description && <p className="organisation-summary__description">{organisation.description}</p>}
    </article>
  );
}

/** "Lyon, France", or the country alone. */
export function placeOf(organisation: Organisation, labels: OrganisationLabels): string {
  return [organisation.city, labels.countryLabel(organisation.country)].filter(Boolean).join(', ');
}
