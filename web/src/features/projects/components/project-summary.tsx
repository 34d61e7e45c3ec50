import '@/components/ui/marketplace.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Project } from '../api/get-project';
import { StageBadge, StatusBadge } from '@/components/ui/badges';

interface ProjectSummaryProps {
  project: Project;
  countryLabel: (code: string) => string;
  /** Show the status (draft, closed…) too: on the member's own list. */
  withStatus?: boolean;
  headingLevel?: 2 | 3;
}

/** A project in a list: title, stage, countries and summary. */
export function ProjectSummary({ project, countryLabel, withStatus = false, headingLevel = 2 }: ProjectSummaryProps) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="result">
      <Heading className="result__title">
        <Link to={`/projects/${project.id}`}>{project.title}</Link>
      </Heading>
      <p className="result__meta">
        <StageBadge stage={project.stage} />
        {withStatus && <StatusBadge kind="project" status={project.status} />}
        {project.countries.length > 0 && (
          <span>
            <span className="visually-hidden">{t('marketplace.projects.countries')} : </span>
            {project.countries.map(countryLabel).join(', ')}
          </span>
        )}
      </p>
      <p className="result__text">{project.summary}</p>
    </article>
  );
}
