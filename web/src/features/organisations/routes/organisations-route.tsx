import '../components/organisations.css';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useOrganisationTexts } from '@/lib/i18n-organisations';
import { OrganisationFiltersForm, filtersFrom, searchOf } from '../components/organisation-filters';
import { MyInvitations } from '../components/my-invitations';
import { OrganisationList } from '../components/organisation-list';
import { useOrganisationLabels } from '../components/use-organisation-labels';

/** The directory of organisations, public, with its filters in the address. */
export function OrganisationsRoute() {
  useOrganisationTexts();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const filters = filtersFrom(params);
  const labels = useOrganisationLabels();

  return (
    <section aria-labelledby="organisations-title">
      <h1 id="organisations-title">{t('organisations.directoryTitle')}</h1>
      <p className="lead">{t('organisations.directoryIntro')}</p>
      <MyInvitations />
      <p>
        <Link className="button" to="/organisations/new">
          {t('organisations.create')}
        </Link>
      </p>
      <OrganisationFiltersForm key={searchOf(filters)} filters={filters} labels={labels} />
      <OrganisationList filters={filters} labels={labels} />
    </section>
  );
}
