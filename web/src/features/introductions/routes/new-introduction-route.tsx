import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LoadingNotice } from '@/components/ui/status';
import { useMe } from '@/features/auth';
import { useAccountTexts } from '@/lib/i18n-account';
import { useContactTexts } from '@/lib/i18n-contacts';
import { IntroductionForm } from '../components/introduction-form';

/** Facilitators (and admins) introduce two members, projects or opportunities; others are told it is theirs to do. */
export function NewIntroductionRoute() {
  useAccountTexts();
  useContactTexts();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const role = me.data?.profile.role;

  if (me.isPending) return <LoadingNotice />;
  return (
    <section aria-labelledby="new-introduction-title" className="narrow">
      <h1 id="new-introduction-title">{t('contacts.introductions.newTitle')}</h1>
      {role === 'facilitator' || role === 'admin' ? (
        <>
          <p className="lead">{t('contacts.introductions.newIntro')}</p>
          <IntroductionForm onDone={() => void navigate('/introductions', { state: { proposed: true } })} />
        </>
      ) : (
        <p className="notice">{t('contacts.introductions.facilitatorsOnly')}</p>
      )}
    </section>
  );
}
