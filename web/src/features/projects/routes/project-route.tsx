import '@/components/ui/marketplace.css';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMe, useSession } from '@/features/auth';
import { ApiError } from '@/lib/api/client';
import { useMarketplaceTexts } from '@/lib/i18n-marketplace';
import { useMayEdit, useMilestones, useProject } from '../api/get-project';
import { StageBadge, StatusBadge } from '@/components/ui/badges';
import { DeleteProject } from '../components/delete-project';
import { MilestoneTimeline } from '../components/milestone-timeline';
import { ProjectDetails } from '../components/project-details';
import { useMarketplaceLabels } from '@/lib/marketplace-labels';

// The owner's form comes with the texts of the forms; visitors, most readers, download neither.
const MilestoneForm = lazy(() => import('../components/milestone-form').then((m) => ({ default: m.MilestoneForm })));
// Matches and the interest form come with the matchmaking texts, after the project itself.
const MatchesPanel = lazy(() =>
  import('@/features/matches').then((m) => ({ default: m.MatchesPanel })),
);
const InterestPanel = lazy(() =>
  import('@/features/interests').then((m) => ({ default: m.InterestPanel })),
);

/**
 * One project, for everyone: its stage, details and milestones, "I am interested" for those who
 * do not own it, and the offers that meet its needs. Its owner (and the members of its
 * organisation) also get "Edit", a link to post an opportunity for it, "Delete", and the form
 * that records milestones and moves the stage.
 */
export function ProjectRoute() {
  useMarketplaceTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const project = useProject(id);
  const milestones = useMilestones(id);
  const labels = useMarketplaceLabels();
  const mayEdit = useMayEdit(project.data?.project);
  const owner = mayEdit === true;
  const { status } = useSession();
  const me = useMe();
  const someoneElses = mayEdit === false && (status === 'anonymous' || !!me.data);

  const back = (
    <p>
      <Link to="/search">{t('marketplace.projects.backToSearch')}</Link>
    </p>
  );
  if (project.isPending) return <LoadingNotice />;
  if (!project.data) {
    if (project.error instanceof ApiError && project.error.status === 404) {
      return (
        <section aria-labelledby="project-title">
          <h1 id="project-title">{t('marketplace.projects.notFoundTitle')}</h1>
          <p>{t('marketplace.projects.notFoundBody')}</p>
          {back}
        </section>
      );
    }
    return <ErrorNotice error={project.error} onRetry={() => void project.refetch()} />;
  }

  const { project: item } = project.data;
  return (
    <article aria-labelledby="project-title" className="narrow">
      {back}
      <h1 id="project-title" className="break-anywhere">
        {item.title}
      </h1>
      <p className="result__meta">
        <span>
          {t('marketplace.projects.stageLabel')} <StageBadge stage={item.stage} />
        </span>
        {item.status !== 'published' && <StatusBadge kind="project" status={item.status} />}
      </p>
      {owner && (
        <div className="page-actions">
          <Link className="button button--secondary" to={`/projects/${id}/edit`}>
            {t('marketplace.projects.edit')}
          </Link>
          <Link className="button button--secondary" to={`/opportunities/new?project=${id}`}>
            {t('marketplace.projects.postOpportunity')}
          </Link>
          <DeleteProject project={item} read={{ etag: project.data.etag }} />
        </div>
      )}
      <ProjectDetails project={item} labels={labels} />
      <p>
        <Link to={`/projects/${id}/funding`}>{t('marketplace.projects.funding')}</Link>
      </p>
      {someoneElses && item.status === 'published' && (
        <Suspense fallback={<LoadingNotice />}>
          <InterestPanel target={{ kind: 'project', id }} />
        </Suspense>
      )}
      <section aria-labelledby="milestones-title">
        <h2 id="milestones-title">{t('marketplace.milestones.title')}</h2>
        {milestones.data ? (
          <MilestoneTimeline milestones={milestones.data} />
        ) : milestones.isPending ? (
          <LoadingNotice />
        ) : (
          <ErrorNotice error={milestones.error} onRetry={() => void milestones.refetch()} />
        )}
      </section>
      {owner && item.status !== 'archived' && (
        <Suspense fallback={<LoadingNotice />}>
          <MilestoneForm projectId={id} stage={item.stage} />
        </Suspense>
      )}
      <Suspense fallback={<LoadingNotice />}>
        <MatchesPanel source={{ kind: 'project', id }} noNeeds={item.needs.length === 0} />
      </Suspense>
    </article>
  );
}
