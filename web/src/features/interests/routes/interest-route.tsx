import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMe } from '@/features/auth';
import { ApiError } from '@/lib/api/client';
import { useContactTexts } from '@/lib/i18n-contacts';
import { useInterest } from '../api/interest-requests';
import { InterestCard } from '../components/interest-card';

/** One interest, where the e-mails and notifications about it lead: its sender or the target's side. */
export function InterestRoute() {
  useContactTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const interest = useInterest(id);
  const me = useMe();

  const back = (
    <p>
      <Link to="/interests">{t('contacts.interests.backToList')}</Link>
    </p>
  );
  if (interest.isPending || me.isPending) return <LoadingNotice />;
  if (!interest.data) {
    if (interest.error instanceof ApiError && interest.error.status === 404) {
      return (
        <section aria-labelledby="interest-title">
          <h1 id="interest-title">{t('contacts.interests.notFoundTitle')}</h1>
          <p>{t('contacts.interests.notFoundBody')}</p>
          {back}
        </section>
      );
    }
    return <ErrorNotice error={interest.error} onRetry={() => void interest.refetch()} />;
  }
  const box = interest.data.sender.user_id === me.data?.profile.id ? 'sent' : 'received';
  return (
    <section aria-labelledby="interest-title" className="narrow">
      {back}
      <h1 id="interest-title">{t('contacts.interests.detailTitle')}</h1>
      <InterestCard interest={interest.data} box={box} />
    </section>
  );
}
