import '@/components/ui/contacts.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMe, type OwnProfile } from '@/features/auth';
import { useContactTexts } from '@/lib/i18n-contacts';
import { useMarketplaceTexts } from '@/lib/i18n-marketplace';
import { useMatches } from '../api/get-matches';
import { joinList } from '@/lib/format';
import { MatchList } from './match-list';

const profileParts = ['sectors', 'countries', 'skills', 'languages'] as const;

/** The parts of a profile that matching reads and the member left empty. */
export function missingProfileParts(profile: OwnProfile | undefined): (typeof profileParts)[number][] {
  if (!profile) return [];
  return profileParts.filter((part) => profile[part].length === 0);
}

/**
 * "For you" on a member's home: open offers matched to their profile. When there are none, a
 * hint names what the profile lacks (sectors, countries, skills, languages) and links to it.
 */
export function ForYou() {
  useMarketplaceTexts();
  useContactTexts();
  const { t, i18n } = useTranslation();
  const matches = useMatches({ kind: 'me' });
  const me = useMe();

  let body;
  if (matches.isPending) body = <LoadingNotice />;
  else if (!matches.data) body = <ErrorNotice error={matches.error} onRetry={() => void matches.refetch()} />;
  else if (matches.data.length > 0) body = <MatchList matches={matches.data} label={t('contacts.matches.forYouLabel')} />;
  else {
    const missing = missingProfileParts(me.data?.profile);
    body = (
      <div className="notice notice--warning">
        <p>{t('contacts.matches.forYouEmpty')}</p>
        <p>
          {missing.length > 0
            ? t('contacts.matches.completeProfile', {
                missing: joinList(
                  missing.map((part) => t(`contacts.matches.missing.${part}`)),
                  i18n.language,
                ),
              })
            : t('contacts.matches.completeProfileAll')}
        </p>
        <p>
          <Link to="/account/profile">{t('contacts.matches.editProfile')}</Link>
        </p>
      </div>
    );
  }

  return (
    <section aria-labelledby="for-you-title">
      <h2 id="for-you-title">{t('contacts.matches.forYouTitle')}</h2>
      <p className="lead">{t('contacts.matches.forYouIntro')}</p>
      {body}
    </section>
  );
}
