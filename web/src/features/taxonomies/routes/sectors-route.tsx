import { useTranslation } from 'react-i18next';
import { SectorList } from '../components/sector-list';

/** The home page for now: what Marcottage classifies projects and opportunities by. */
export function SectorsRoute() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="sectors-title">
      <h1 id="sectors-title">{t('sectors.title')}</h1>
      <p className="lead">{t('sectors.intro')}</p>
      <SectorList />
    </section>
  );
}
