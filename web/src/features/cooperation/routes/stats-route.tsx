import '../components/cooperation.css';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useCooperationTexts } from '@/lib/i18n-cooperation';
import { useMarketplaceTexts } from '@/lib/i18n-marketplace';
import { useTermLabels } from '@/lib/taxonomies/use-term-labels';
import { useStats } from '../api/cooperation';
import { CountsChart } from '../components/counts-chart';

const GREEN = '#1f5f3b';

/** Public statistics of the marketplace, as charts (with their figures for screen readers). */
export function StatsRoute() {
  useCooperationTexts();
  useMarketplaceTexts();
  const { t } = useTranslation();
  const stats = useStats();
  const countries = useTermLabels('countries');
  const categories = useTermLabels('opportunity-categories');
  const sectors = useTermLabels('sectors');
  if (stats.isPending) return <LoadingNotice />;
  if (!stats.data) return <ErrorNotice error={stats.error} onRetry={() => void stats.refetch()} />;
  const data = stats.data;
  const counted = (label: string) => [{ key: 'count', label, color: GREEN }];
  // The API counts by code; the charts show names.
  const named = <T extends { key: string }>(rows: readonly T[], name: (code: string) => string) =>
    rows.map((row) => ({ ...row, key: name(row.key) }));
  return (
    <section aria-labelledby="stats-title">
      <h1 id="stats-title">{t('cooperation.statsTitle')}</h1>
      <div className="atlas-figures">
        <CountsChart
          title={t('cooperation.projectsByStage')}
          data={named(data.projects.by_stage, (stage) => t(`marketplace.stage.${stage}`, { defaultValue: stage }))}
          category="key"
          series={counted(t('cooperation.figure.projects'))}
        />
        <CountsChart
          title={t('cooperation.projectsByCountry')}
          data={named(data.projects.by_country.slice(0, 12), countries.label)}
          category="key"
          horizontal
          wideLabels
          series={counted(t('cooperation.figure.projects'))}
        />
        <CountsChart
          title={t('cooperation.opportunitiesByCategory')}
          data={named(data.opportunities.by_category, categories.label)}
          category="key"
          horizontal
          wideLabels
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
          data={named(data.cooperation_links.by_country.slice(0, 12), countries.label)}
          category="key"
          horizontal
          wideLabels
          series={[{ key: 'links', label: t('cooperation.links'), color: GREEN }]}
        />
        <CountsChart
          title={t('cooperation.linksByTheme')}
          data={named(data.cooperation_links.by_theme.slice(0, 12), sectors.label)}
          category="key"
          horizontal
          wideLabels
          series={[{ key: 'links', label: t('cooperation.links'), color: GREEN }]}
        />
      </div>
    </section>
  );
}
