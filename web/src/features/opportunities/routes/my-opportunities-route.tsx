import '@/components/ui/marketplace.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useTermLabels } from '@/lib/taxonomies/use-term-labels';
import { useMarketplaceTexts } from '@/lib/i18n-marketplace';
import { useMyOpportunities } from '../api/get-opportunity';
import { DeleteOpportunity } from '../components/delete-opportunity';
import { OpportunitySummary } from '../components/opportunity-summary';

/** The member's opportunities, whatever their status, newest first, each with "Delete". */
export function MyOpportunitiesRoute() {
  useMarketplaceTexts();
  const { t } = useTranslation();
  const opportunities = useMyOpportunities();
  const countries = useTermLabels('countries');
  const categories = useTermLabels('opportunity-categories');

  let body;
  if (opportunities.isPending) body = <LoadingNotice />;
  else if (!opportunities.data) body = <ErrorNotice error={opportunities.error} onRetry={() => void opportunities.refetch()} />;
  else if (opportunities.data.length === 0) body = <p className="notice">{t('marketplace.opportunities.mineNone')}</p>;
  else {
    body = (
      <ul className="result-list" aria-label={t('marketplace.opportunities.mineTitle')}>
        {opportunities.data.map((opportunity) => (
          <li key={opportunity.id}>
            <OpportunitySummary
              opportunity={opportunity}
              countryLabel={countries.label}
              categoryLabel={categories.label}
              withStatus
            />
            <DeleteOpportunity opportunity={opportunity} read={{ version: opportunity.version }} inList />
          </li>
        ))}
      </ul>
    );
  }

  return (
    <section aria-labelledby="my-opportunities-title">
      <h1 id="my-opportunities-title">{t('marketplace.opportunities.mineTitle')}</h1>
      <p>
        <Link className="button" to="/opportunities/new">
          {t('marketplace.opportunities.create')}
        </Link>
      </p>
      {body}
    </section>
  );
}
