import '@/components/ui/marketplace.css';
import { lazy, Suspense, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMe, useSession } from '@/features/auth';
import { projectQueryOptions, useIsOwner, useMayEdit } from '@/features/projects';
import { StatusBadge } from '@/components/ui/badges';
import { useMarketplaceLabels } from '@/lib/marketplace-labels';
import { ApiError } from '@/lib/api/client';
import { formatDate } from '@/lib/format';
import { useMarketplaceTexts } from '@/lib/i18n-marketplace';
import { useOpportunity } from '../api/get-opportunity';
import { DeleteOpportunity } from '../components/delete-opportunity';

// Matches and the interest form come with the matchmaking texts, after the opportunity itself.
const MatchesPanel = lazy(() =>
  import('@/features/matches').then((m) => ({ default: m.MatchesPanel })),
);
const InterestPanel = lazy(() =>
  import('@/features/interests').then((m) => ({ default: m.InterestPanel })),
);

/**
 * One opportunity, for everyone; "Edit" and "Delete" for its author and the members of its
 * organisation, "I am interested" for the others while it is open, and its possible partners
 * below. An anonymous one does not say whose it is.
 */
export function OpportunityRoute() {
  useMarketplaceTexts();
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const opportunity = useOpportunity(id);
  const labels = useMarketplaceLabels();
  const owner = useIsOwner(opportunity.data?.opportunity);
  const mayEditItem = useMayEdit(opportunity.data?.opportunity);
  const mayEdit = mayEditItem === true;
  const { status } = useSession();
  const me = useMe();
  // Known not to be the member's own (which the API would refuse), once who they are is known.
  const someoneElses = mayEditItem === false && (status === 'anonymous' || !!me.data);
  const projectId = opportunity.data?.opportunity.project_id ?? '';
  const project = useQuery({ ...projectQueryOptions(projectId), enabled: !!projectId });

  const back = (
    <p>
      <Link to="/search?type=opportunities">{t('marketplace.opportunities.backToSearch')}</Link>
    </p>
  );
  if (opportunity.isPending) return <LoadingNotice />;
  if (!opportunity.data) {
    if (opportunity.error instanceof ApiError && opportunity.error.status === 404) {
      return (
        <section aria-labelledby="opportunity-title">
          <h1 id="opportunity-title">{t('marketplace.opportunities.notFoundTitle')}</h1>
          <p>{t('marketplace.opportunities.notFoundBody')}</p>
          {back}
        </section>
      );
    }
    return <ErrorNotice error={opportunity.error} onRetry={() => void opportunity.refetch()} />;
  }

  const item = opportunity.data.opportunity;
  const lang = i18n.language;
  const rows: { term: string; value: ReactNode }[] = [
    {
      term: t('marketplace.opportunities.place'),
      value: [item.city, labels.countries.label(item.country)].filter(Boolean).join(', ') +
        (item.remote ? ` · ${t('marketplace.opportunities.remoteShort')}` : ''),
    },
  ];
  if (item.starts_on) rows.push({ term: t('marketplace.opportunities.startsOn'), value: formatDate(item.starts_on, lang) });
  if (item.duration_months) {
    rows.push({ term: t('marketplace.opportunities.duration'), value: t('marketplace.opportunities.months', { count: item.duration_months }) });
  }
  rows.push({ term: t('marketplace.opportunities.expiresOn'), value: formatDate(item.expires_at, lang) });
  if (item.sectors.length > 0) {
    rows.push({ term: t('marketplace.projects.sectors'), value: item.sectors.map(labels.sectors.label).join(', ') });
  }
  if (item.skills.length > 0) rows.push({ term: t('marketplace.opportunities.skills'), value: item.skills.join(', ') });
  if (item.project_id) {
    rows.push({
      term: t('marketplace.opportunities.project'),
      value: <Link to={`/projects/${item.project_id}`}>{project.data?.project.title ?? t('marketplace.opportunities.seeProject')}</Link>,
    });
  }
  if (item.anonymous && !owner) rows.push({ term: t('marketplace.opportunities.author'), value: t('marketplace.opportunities.anonymousAuthor') });

  return (
    <article aria-labelledby="opportunity-title" className="narrow">
      {back}
      <h1 id="opportunity-title" className="break-anywhere">
        {item.title}
      </h1>
      <p className="result__meta">
        <span className={`badge badge--${item.direction}`}>{t(`marketplace.direction.${item.direction}`)}</span>
        <span>{labels.categories.label(item.category)}</span>
        <StatusBadge kind="opportunity" status={item.status} />
      </p>
      {mayEdit && (
        <div className="page-actions">
          <Link className="button button--secondary" to={`/opportunities/${id}/edit`}>
            {t('marketplace.opportunities.edit')}
          </Link>
          <DeleteOpportunity opportunity={item} read={{ etag: opportunity.data.etag }} />
        </div>
      )}
      {owner && item.anonymous && <p className="notice">{t('marketplace.opportunities.anonymousOwner')}</p>}
      <dl className="details-list">
        {rows.map((row) => (
          <div key={row.term} className="details-list__row">
            <dt>{row.term}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      <div className="prose">{item.description}</div>
      <Suspense fallback={<LoadingNotice />}>
        {someoneElses && item.status === 'open' && <InterestPanel target={{ kind: 'opportunity', id }} />}
        <MatchesPanel source={{ kind: 'opportunity', id }} />
      </Suspense>
    </article>
  );
}
