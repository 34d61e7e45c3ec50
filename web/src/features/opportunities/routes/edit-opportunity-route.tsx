import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMe } from '@/features/auth';
import { useMayEdit } from '@/features/projects';
import { useMarketplaceLabels } from '@/lib/marketplace-labels';
import { useAccountTexts } from '@/lib/i18n-account';
import { useMarketplaceTexts } from '@/lib/i18n-marketplace';
import { useOpportunity } from '../api/get-opportunity';
import { EditOpportunityForm } from '../components/edit-opportunity-form';

/** The edit form, for the opportunity's author and the members of its organisation. */
export function EditOpportunityRoute() {
  useAccountTexts();
  useMarketplaceTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const opportunity = useOpportunity(id);
  const me = useMe();
  const owner = useMayEdit(opportunity.data?.opportunity);
  const labels = useMarketplaceLabels();

  const queries = [opportunity, me, ...labels.queries];
  const failed = queries.find((query) => query.isError && !query.data);
  let body;
  if (failed) body = <ErrorNotice error={failed.error} onRetry={() => void failed.refetch()} />;
  else if (!opportunity.data || owner === undefined || queries.some((query) => !query.data)) body = <LoadingNotice />;
  else if (!owner) body = <p className="notice notice--warning">{t('marketplace.opportunities.ownerOnly')}</p>;
  else body = <EditOpportunityForm record={opportunity.data} labels={labels} />;

  return (
    <section aria-labelledby="edit-opportunity-title" className="narrow">
      <p>
        <Link to={`/opportunities/${id}`}>{opportunity.data?.opportunity.title ?? t('marketplace.opportunities.backToSearch')}</Link>
      </p>
      <h1 id="edit-opportunity-title">{t('marketplace.opportunities.editTitle')}</h1>
      {body}
    </section>
  );
}
