import '../components/cooperation.css';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useCooperationTexts } from '@/lib/i18n-cooperation';
import { useDiaspora } from '../api/cooperation';
import { DiasporaFiguresView } from '../components/diaspora-figures';

/** The diaspora of a territory (ISO 3166-2), counted only with consent and never below 5. */
export function DiasporaRoute() {
  useCooperationTexts();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const country = (params.get('country') ?? 'FR').toUpperCase();
  const subdivision = (params.get('subdivision') ?? 'FR-IDF').toUpperCase();
  const figures = useDiaspora(country, subdivision);
  return (
    <section aria-labelledby="diaspora-title">
      <h1 id="diaspora-title">{t('cooperation.diasporaTitle')}</h1>
      <p className="lead">{t('cooperation.diasporaIntro')}</p>
      <form
        className="atlas-filters"
        key={`${country}/${subdivision}`}
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          setParams({ country: String(data.get('country') ?? ''), subdivision: String(data.get('subdivision') ?? '') });
        }}
      >
        <label>
          {t('cooperation.country')}
          <input name="country" defaultValue={country} maxLength={2} required />
        </label>
        <label>
          {t('cooperation.subdivision')}
          <input name="subdivision" defaultValue={subdivision} maxLength={6} required />
        </label>
        <button type="submit" className="button">
          {t('cooperation.show')}
        </button>
      </form>
      {figures.isPending ? (
        <LoadingNotice />
      ) : !figures.data ? (
        <ErrorNotice error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <DiasporaFiguresView figures={figures.data} />
      )}
    </section>
  );
}
