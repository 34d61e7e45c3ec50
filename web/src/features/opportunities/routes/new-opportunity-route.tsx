import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMyProjects } from '@/features/projects';
import { useMarketplaceLabels } from '@/lib/marketplace-labels';
import { useAccountTexts } from '@/lib/i18n-account';
import { useMarketplaceTexts } from '@/lib/i18n-marketplace';
import { CreateOpportunityForm } from '../components/create-opportunity-form';

/** Posts an opportunity (members only); `?project=<id>` links it to that project from the start. */
export function NewOpportunityRoute() {
  useAccountTexts();
  useMarketplaceTexts();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const labels = useMarketplaceLabels();
  const projects = useMyProjects();
  const queries = [projects, ...labels.queries];
  const failed = queries.find((query) => query.isError && !query.data);

  return (
    <section aria-labelledby="new-opportunity-title" className="narrow">
      <h1 id="new-opportunity-title">{t('marketplace.opportunities.newTitle')}</h1>
      <p className="lead">{t('marketplace.opportunities.newIntro')}</p>
      {failed ? (
        <ErrorNotice error={failed.error} onRetry={() => void failed.refetch()} />
      ) : !projects.data || !projects.isFetchedAfterMount || queries.some((query) => !query.data) ? (
        // The projects as they are now, not as cached before the last one was created.
        <LoadingNotice />
      ) : (
        <CreateOpportunityForm
          labels={labels}
          projects={projects.data.filter((project) => project.status !== 'archived')}
          projectId={params.get('project') ?? ''}
        />
      )}
    </section>
  );
}
