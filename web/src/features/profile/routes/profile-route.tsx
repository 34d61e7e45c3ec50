import { useTranslation } from 'react-i18next';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMe } from '@/features/auth';
import { useTaxonomy } from '@/lib/taxonomies/get-taxonomy';
import { isLanguage } from '@/lib/i18n';
import { useAccountTexts } from '@/lib/i18n-account';
import { byLabel, sectorGroups } from '@/lib/taxonomies/code-options';
import { ProfileForm } from '../components/profile-form';

/** The member's own profile, as partners will see it (all but the e-mail address). */
export function ProfileRoute() {
  useAccountTexts();
  const { t, i18n } = useTranslation();
  const lang = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'fr';
  const me = useMe();
  const countries = useTaxonomy('countries', lang);
  const languages = useTaxonomy('languages', lang);
  const sectors = useTaxonomy('sectors', lang);

  const failed = [me, countries, languages, sectors].find((query) => query.isError && !query.data);
  let body;
  if (failed) {
    body = <ErrorNotice error={failed.error} onRetry={() => void failed.refetch()} />;
  } else if (!me.data || !countries.data || !languages.data || !sectors.data) {
    body = <LoadingNotice />;
  } else {
    body = (
      <>
        <ProfileForm
          me={me.data}
          options={{
            countries: byLabel(countries.data.items, lang),
            languages: byLabel(languages.data.items, lang),
            sectors: sectorGroups(sectors.data.items, t('profile.wholeCategory')),
          }}
        />
      </>
    );
  }

  return (
    <section aria-labelledby="profile-title" className="narrow">
      <h1 id="profile-title">{t('profile.title')}</h1>
      <p className="lead">{t('profile.intro')}</p>
      {body}
    </section>
  );
}
