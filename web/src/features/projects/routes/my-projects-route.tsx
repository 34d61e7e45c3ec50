import '@/components/ui/marketplace.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useTermLabels } from '@/lib/taxonomies/use-term-labels';
import { useMarketplaceTexts } from '@/lib/i18n-marketplace';
import { useMyProjects } from '../api/get-project';
import { DeleteProject } from '../components/delete-project';
import { ProjectSummary } from '../components/project-summary';

/** The member's projects, drafts included, newest first, each with "Delete". */
export function MyProjectsRoute() {
  useMarketplaceTexts();
  const { t } = useTranslation();
  const projects = useMyProjects();
  const countries = useTermLabels('countries');

  let body;
  if (projects.isPending) body = <LoadingNotice />;
  else if (!projects.data) body = <ErrorNotice error={projects.error} onRetry={() => void projects.refetch()} />;
  else if (projects.data.length === 0) body = <p className="notice">{t('marketplace.projects.mineNone')}</p>;
  else {
    body = (
      <ul className="result-list" aria-label={t('marketplace.projects.mineTitle')}>
        {projects.data.map((project) => (
          <li key={project.id}>
            <ProjectSummary project={project} countryLabel={countries.label} withStatus />
            <DeleteProject project={project} read={{ version: project.version }} inList />
          </li>
        ))}
      </ul>
    );
  }

  return (
    <section aria-labelledby="my-projects-title">
      <h1 id="my-projects-title">{t('marketplace.projects.mineTitle')}</h1>
      <p>
        <Link className="button" to="/projects/new">
          {t('marketplace.projects.create')}
        </Link>
      </p>
      {body}
    </section>
  );
}
