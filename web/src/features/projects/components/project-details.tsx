import '@/components/ui/marketplace.css';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '@/lib/format';
import type { Project } from '../api/get-project';
import type { MarketplaceLabels } from '@/lib/marketplace-labels';

/** What a project is about, where, what it needs: a description list, read well by screen readers. */
export function ProjectDetails({ project, labels }: { project: Project; labels: MarketplaceLabels }) {
  const { t, i18n } = useTranslation();
  const rows: { term: string; value: string }[] = [];
  if (project.countries.length > 0) {
    rows.push({ term: t('marketplace.projects.countries'), value: project.countries.map(labels.countries.label).join(', ') });
  }
  if (project.territories.length > 0) {
    rows.push({
      term: t('marketplace.projects.territories'),
      value: project.territories.map((place) => `${place.place} (${labels.countries.label(place.country)})`).join(', '),
    });
  }
  if (project.sectors.length > 0) {
    rows.push({ term: t('marketplace.projects.sectors'), value: project.sectors.map(labels.sectors.label).join(', ') });
  }
  if (project.needs.length > 0) {
    rows.push({ term: t('marketplace.projects.needs'), value: project.needs.map(labels.categories.label).join(', ') });
  }
  if (project.budget) {
    rows.push({
      term: t('marketplace.projects.budget'),
      value: formatMoney(project.budget.amount, project.budget.currency, i18n.language),
    });
  }
  rows.push({ term: t('marketplace.projects.language'), value: labels.languages.label(project.language) });
  rows.push({ term: t('marketplace.projects.updated'), value: formatDate(project.updated_at, i18n.language) });

  return (
    <>
      <p className="lead">{project.summary}</p>
      <dl className="details-list">
        {rows.map((row) => (
          <div key={row.term} className="details-list__row">
            <dt>{row.term}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      {project.description && <div className="prose">{project.description}</div>}
    </>
  );
}
