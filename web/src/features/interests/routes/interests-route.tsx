import '@/components/ui/contacts.css';
import '@/components/ui/marketplace.css';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadMore } from '@/components/ui/load-more';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useContactTexts } from '@/lib/i18n-contacts';
import { useInterests, type InterestBox } from '../api/interest-requests';
import { InterestCard } from '../components/interest-card';

/**
 * The member's interests: those received on their projects and opportunities (accept, decline),
 * and those they sent (withdraw). The box is in the address (`?box=sent`), received by default.
 */
export function InterestsRoute() {
  useContactTexts();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const box: InterestBox = params.get('box') === 'sent' ? 'sent' : 'received';
  const interests = useInterests(box);
  const label = box === 'sent' ? t('contacts.interests.sentLabel') : t('contacts.interests.receivedLabel');
  const items = interests.data?.pages.flatMap((page) => page.items) ?? [];

  let body;
  if (interests.isPending) body = <LoadingNotice />;
  else if (!interests.data) body = <ErrorNotice error={interests.error} onRetry={() => void interests.refetch()} />;
  else if (items.length === 0) {
    body = <p className="notice">{box === 'sent' ? t('contacts.interests.noneSent') : t('contacts.interests.noneReceived')}</p>;
  } else {
    body = (
      <>
        <ul className="result-list" aria-label={label}>
          {items.map((interest) => (
            <li key={interest.id}>
              <InterestCard interest={interest} box={box} />
            </li>
          ))}
        </ul>
        <LoadMore list={interests} label={t('contacts.interests.more')} />
      </>
    );
  }

  return (
    <section aria-labelledby="interests-title">
      <h1 id="interests-title">{t('contacts.interests.title')}</h1>
      <nav aria-label={t('contacts.interests.boxes')}>
        <ul className="tabs">
          {(['received', 'sent'] as const).map((each) => (
            <li key={each}>
              <Link to={each === 'sent' ? '?box=sent' : '?box=received'} aria-current={each === box ? 'page' : undefined}>
                {t(`contacts.interests.${each}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {body}
    </section>
  );
}
