import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMe } from '@/features/auth';
import { useAccountTexts } from '@/lib/i18n-account';
import { useMarketplaceTexts } from '@/lib/i18n-marketplace';
import { useMayEdit, useProject } from '../api/get-project';
import { EditProjectForm } from '../components/edit-project-form';
import { useMarketplaceLabels } from '@/lib/marketplace-labels';

/** The edit form, for the project's owner and the members of its organisation. */
export function EditProjectRoute() {
  useAccountTexts();
  useMarketplaceTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const project = useProject(id);
  const me = useMe();
  const owner = useMayEdit(project.data?.project);
  const labels = useMarketplaceLabels();

  const queries = [project, me, ...labels.queries];
  const failed = queries.find((query) => query.isError && !query.data);
  let body;
  if (failed) body = <ErrorNotice error={failed.error} onRetry={() => void failed.refetch()} />;
  else if (!project.data || owner === undefined || queries.some((query) => !query.data)) body = <LoadingNotice />;
  else if (!owner) body = <p className="notice notice--warning">{t('marketplace.projects.ownerOnly')}</p>;
  else body = <EditProjectForm record={project.data} labels={labels} />;

  return (
    <section aria-labelledby="edit-project-title" className="narrow">
      <p>
        <Link to={`/projects/${id}`}>{project.data?.project.title ?? t('marketplace.projects.backToSearch')}</Link>
      </p>
      <h1 id="edit-project-title">{t('marketplace.projects.editTitle')}</h1>
      {body}
    </section>
  );
}
