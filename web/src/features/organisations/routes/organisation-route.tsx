import '../components/organisations.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { ApiError } from '@/lib/api/client';
import { useAccountTexts } from '@/lib/i18n-account';
import { useOrganisationTexts } from '@/lib/i18n-organisations';
import { useOrganisation, useViewer } from '../api/get-organisation';
import { DeleteOrganisation, VerificationControl } from '../components/organisation-admin';
import { OrganisationDetails } from '../components/organisation-details';
import { MembersSection } from '../components/members-section';
import { useOrganisationLabels } from '../components/use-organisation-labels';

/**
 * One organisation: its details and members for everyone; editing for its members, member
 * management and deletion for its owners, verification for facilitators.
 */
export function OrganisationRoute() {
  useAccountTexts();
  useOrganisationTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const organisation = useOrganisation(id);
  const viewer = useViewer(id);
  const labels = useOrganisationLabels();

  const back = (
    <p>
      <Link to="/organisations">{t('organisations.backToDirectory')}</Link>
    </p>
  );
  if (organisation.isPending) return <LoadingNotice />;
  if (!organisation.data) {
    if (organisation.error instanceof ApiError && organisation.error.status === 404) {
      return (
        <section aria-labelledby="organisation-title">
          <h1 id="organisation-title">{t('organisations.notFoundTitle')}</h1>
          <p>{t('organisations.notFoundBody')}</p>
          {back}
        </section>
      );
    }
    return <ErrorNotice error={organisation.error} onRetry={() => void organisation.refetch()} />;
  }

  const record = organisation.data;
  return (
    <article aria-labelledby="organisation-title" className="narrow">
      {back}
      <h1 id="organisation-title" className="break-anywhere">
        {record.organisation.name}
      </h1>
      <OrganisationDetails organisation={record.organisation} labels={labels} />
      {viewer.role && (
        <p>
          <Link className="button button--secondary" to={`/organisations/${id}/edit`}>
            {t('organisations.edit')}
          </Link>
        </p>
      )}
      <MembersSection organisation={record.organisation} viewer={viewer} />
      {viewer.mayVerify && <VerificationControl record={record} />}
      {viewer.role === 'owner' && (
        <p>
          <Link to={`/organisations/${id}/integrations`}>{t('organisations.integrations')}</Link>
        </p>
      )}
      {viewer.role === 'owner' && <DeleteOrganisation record={record} />}
    </article>
  );
}
