import '@/components/ui/contacts.css';
import '@/components/ui/marketplace.css';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { LoadMore } from '@/components/ui/load-more';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMe } from '@/features/auth';
import { useContactTexts } from '@/lib/i18n-contacts';
import { useIntroductions } from '../api/introduction-requests';
import { IntroductionCard } from '../components/introduction-card';

/** The introductions the member is a side of (accept, decline) or, for facilitators, made; with "Introduce" for them. */
export function IntroductionsRoute() {
  useContactTexts();
  const { t } = useTranslation();
  const introductions = useIntroductions();
  const me = useMe();
  const proposed = (useLocation().state as { proposed?: boolean } | null)?.proposed === true;
  const role = me.data?.profile.role;
  const facilitator = role === 'facilitator' || role === 'admin';
  const items = introductions.data?.pages.flatMap((page) => page.items) ?? [];

  let body;
  if (introductions.isPending) body = <LoadingNotice />;
  else if (!introductions.data) body = <ErrorNotice error={introductions.error} onRetry={() => void introductions.refetch()} />;
  else if (items.length === 0) body = <p className="notice">{t('contacts.introductions.none')}</p>;
  else {
    body = (
      <>
        <ul className="result-list" aria-label={t('contacts.introductions.listLabel')}>
          {items.map((introduction) => (
            <li key={introduction.id}>
              <IntroductionCard introduction={introduction} me={me.data?.profile.id} />
            </li>
          ))}
        </ul>
        <LoadMore list={introductions} label={t('contacts.introductions.more')} />
      </>
    );
  }

  return (
    <section aria-labelledby="introductions-title">
      <h1 id="introductions-title">{t('contacts.introductions.title')}</h1>
      <p className="lead">{t('contacts.introductions.intro')}</p>
      {proposed && (
        <p role="status" className="notice notice--success">
          {t('contacts.introductions.proposed')}
        </p>
      )}
      {facilitator && (
        <p>
          <Link className="button" to="/introductions/new">
            {t('contacts.introductions.create')}
          </Link>
        </p>
      )}
      {body}
    </section>
  );
}
