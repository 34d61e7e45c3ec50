import '../components/cooperation.css';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useCooperationTexts } from '@/lib/i18n-cooperation';
import { useStats } from '../api/cooperation';
import { CountsChart } from '../components/counts-chart';

const GREEN = '#1f5f3b';

/** Public statistics of the marketplace, as charts (with their figures for screen readers). */
export function StatsRoute() {
  useCooperationTexts();
  const { t } = useTranslation();
  const stats = useStats();
  if (stats.isPending) return <LoadingNotice />;
  if (!stats.data) return <ErrorNotice error={stats.error} onRetry={() => void stats.refetch()} />;
  const data = stats.data;
  const counted = (label: string) => [{ key: 'count', label, color: GREEN }];
  return (
    <section aria-labelledby="stats-title">
      <h1 id="stats-title">{t('cooperation.statsTitle')}</h1>
      <div className="atlas-figures">
        <CountsChart
          title={t('cooperation.projectsByStage')}
          data={data.projects.by_stage}
          category="key"
          series={counted(t('cooperation.figure.projects'))}
        />
        <CountsChart
          title={t('cooperation.projectsByCountry')}
          data={data.projects.by_country.slice(0, 12)}
          category="key"
          horizontal
          series={counted(t('cooperation.figure.projects'))}
        />
        <CountsChart
          title={t('cooperation.opportunitiesByCategory')}
          data={data.opportunities.by_category}
          category="key"
          horizontal
          series={counted(t('cooperation.figure.opportunities'))}
        />
        <CountsChart
          title={t('cooperation.partnershipsPerMonth')}
          data={data.partnerships_per_month}
          category="key"
          series={counted(t('cooperation.figure.partnerships'))}
        />
        <CountsChart
          title={t('cooperation.linksByCountry')}
          data={data.cooperation_links.by_country.slice(0, 12)}
          category="key"
          horizontal
          series={[{ key: 'links', label: t('cooperation.links'), color: GREEN }]}
        />
        <CountsChart
          title={t('cooperation.linksByTheme')}
          data={data.cooperation_links.by_theme.slice(0, 12)}
          category="key"
          horizontal
          series={[{ key: 'links', label: t('cooperation.links'), color: GREEN }]}
        />
      </div>
    </section>
  );
}
