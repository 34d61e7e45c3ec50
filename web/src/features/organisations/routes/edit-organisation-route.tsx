import '../components/organisations.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMe } from '@/features/auth';
import { useAccountTexts } from '@/lib/i18n-account';
import { useOrganisationTexts } from '@/lib/i18n-organisations';
import { useOrganisation, useOrganisationMembers, useViewer } from '../api/get-organisation';
import { EditOrganisationForm } from '../components/edit-organisation-form';
import { useOrganisationLabels } from '../components/use-organisation-labels';

/** The edit form, for the organisation's owners and editors. */
export function EditOrganisationRoute() {
  useAccountTexts();
  useOrganisationTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const organisation = useOrganisation(id);
  const members = useOrganisationMembers(id);
  const me = useMe();
  const viewer = useViewer(id);
  const labels = useOrganisationLabels();

  // Who may edit is known once both the member and the organisation's members are.
  const queries = [organisation, members, me, ...labels.queries];
  const failed = queries.find((query) => query.isError && !query.data);
  let body;
  if (failed) body = <ErrorNotice error={failed.error} onRetry={() => void failed.refetch()} />;
  else if (!organisation.data || queries.some((query) => !query.data)) body = <LoadingNotice />;
  else if (!viewer.role) body = <p className="notice notice--warning">{t('organisations.membersOnly')}</p>;
  else body = <EditOrganisationForm record={organisation.data} labels={labels} />;

  return (
    <section aria-labelledby="edit-organisation-title" className="narrow">
      <p>
        <Link to={`/organisations/${id}`}>{organisation.data?.organisation.name ?? t('organisations.backToDirectory')}</Link>
      </p>
      <h1 id="edit-organisation-title">{t('organisations.editTitle')}</h1>
      {body}
    </section>
  );
}
