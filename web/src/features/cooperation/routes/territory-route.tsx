import '../components/cooperation.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useCooperationTexts } from '@/lib/i18n-cooperation';
import { useTermLabels } from '@/lib/taxonomies/use-term-labels';
import { useTerritory } from '../api/cooperation';
import { CountsChart } from '../components/counts-chart';
import { DiasporaFiguresView } from '../components/diaspora-figures';
import { LinkSummary } from '../components/link-summary';
import { TerritoryFunding } from '../components/territory-funding';

const FIGURES = ['links', 'projects', 'opportunities', 'internships', 'jobs', 'partnerships'] as const;

/** A local authority's return to the territory: its links and what they bring, year by year. */
export function TerritoryRoute() {
  useCooperationTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const territory = useTerritory(id);
  const countries = useTermLabels('countries');
  if (territory.isPending) return <LoadingNotice />;
  if (!territory.data) return <ErrorNotice error={territory.error} onRetry={() => void territory.refetch()} />;
  const data = territory.data;
  return (
    <section aria-labelledby="territory-title">
      <p>
        <Link to={`/organisations/${data.organisation_id}`}>{data.name}</Link>
      </p>
      <h1 id="territory-title">{t('cooperation.territoryTitle', { name: data.name })}</h1>
      <p className="lead">
        {data.territory.place} ({countries.label(data.territory.country)}
        {data.territory.subdivision ? `, ${data.territory.subdivision}` : ''}) · {t('cooperation.partnersCount', { count: data.partners.length })}
      </p>
      <ul className="figure-cards" aria-label={t('cooperation.totals')}>
        {FIGURES.map((figure) => (
          <li key={figure} data-testid={`total-${figure}`}>
            <strong>{data.totals[figure]}</strong>
            {t(`cooperation.figure.${figure}`)}
          </li>
        ))}
      </ul>
      {data.by_year.length > 0 && (
        <CountsChart
          title={t('cooperation.byYear')}
          data={data.by_year.map((year) => ({ ...year, year: String(year.year) }))}
          category="year"
          series={[
            { key: 'links', label: t('cooperation.figure.links'), color: '#1f5f3b' },
            { key: 'projects', label: t('cooperation.figure.projects'), color: '#c58b1a' },
            { key: 'opportunities', label: t('cooperation.figure.opportunities'), color: '#3b6ea5' },
            { key: 'partnerships', label: t('cooperation.figure.partnerships'), color: '#8a3b8f' },
          ]}
        />
      )}
      <h2>{t('cooperation.fundingTitle')}</h2>
      <TerritoryFunding dashboard={data} />
      <h2>{t('cooperation.territoryProjects')}</h2>
      {data.projects.length === 0 ? (
        <p className="notice">{t('cooperation.nothingYet')}</p>
      ) : (
        <ul data-testid="territory-projects">
          {data.projects.map((project) => (
            <li key={project.id}>
              <Link to={`/projects/${project.id}`}>{project.title}</Link> — {project.place} ({countries.label(project.country)}) ·{' '}
              {project.own_territory ? t('cooperation.ownTerritory') : t('cooperation.partnerTerritory')}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('cooperation.territoryOpportunities')}</h2>
      {data.opportunities.length === 0 ? (
        <p className="notice">{t('cooperation.nothingYet')}</p>
      ) : (
        <ul>
          {data.opportunities.map((opportunity) => (
            <li key={opportunity.id}>
              <Link to={`/opportunities/${opportunity.id}`}>{opportunity.title}</Link> — {opportunity.place} (
              {countries.label(opportunity.country)})
            </li>
          ))}
        </ul>
      )}
      {data.partnerships && (
        <>
          <h2>{t('cooperation.partnerships')}</h2>
          <ul>
            {data.partnerships.map((partnership) => (
              <li key={partnership.id}>
                {partnership.between.join(' — ')} · {new Date(partnership.formed_at).toLocaleDateString()}
              </li>
            ))}
          </ul>
        </>
      )}
      {data.diaspora && (
        <>
          <h2>{t('cooperation.diasporaTitle')}</h2>
          <DiasporaFiguresView figures={data.diaspora} />
        </>
      )}
      <h2>{t('cooperation.linksTitle')}</h2>
      <ul className="link-list">
        {data.links.map((link) => (
          <li key={link.id}>
            <LinkSummary link={link} />
          </li>
        ))}
      </ul>
    </section>
  );
}
