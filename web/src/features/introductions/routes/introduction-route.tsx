import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMe } from '@/features/auth';
import { ApiError } from '@/lib/api/client';
import { useContactTexts } from '@/lib/i18n-contacts';
import { useIntroduction } from '../api/introduction-requests';
import { IntroductionCard } from '../components/introduction-card';

/** One introduction, where the notifications about it lead. */
export function IntroductionRoute() {
  useContactTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const introduction = useIntroduction(id);
  const me = useMe();

  const back = (
    <p>
      <Link to="/introductions">{t('contacts.introductions.backToList')}</Link>
    </p>
  );
  if (introduction.isPending) return <LoadingNotice />;
  if (!introduction.data) {
    if (introduction.error instanceof ApiError && introduction.error.status === 404) {
      return (
        <section aria-labelledby="introduction-title">
          <h1 id="introduction-title">{t('contacts.introductions.notFoundTitle')}</h1>
          <p>{t('contacts.introductions.notFoundBody')}</p>
          {back}
        </section>
      );
    }
    return <ErrorNotice error={introduction.error} onRetry={() => void introduction.refetch()} />;
  }
  return (
    <section aria-labelledby="introduction-title" className="narrow">
      {back}
      <h1 id="introduction-title">{t('contacts.introductions.detailTitle')}</h1>
      <IntroductionCard introduction={introduction.data} me={me.data?.profile.id} />
    </section>
  );
}
