import '@/components/ui/marketplace.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from '@/components/ui/badges';
import { formatDate } from '@/lib/format';
import type { Opportunity } from '../api/get-opportunity';

interface OpportunitySummaryProps {
  opportunity: Opportunity;
  countryLabel: (code: string) => string;
  categoryLabel: (code: string) => string;
  withStatus?: boolean;
  headingLevel?: 2 | 3;
}

/** An opportunity in a list: title, what it offers or seeks, where, and until when. */
export function OpportunitySummary({
  opportunity,
  countryLabel,
  categoryLabel,
  withStatus = false,
  headingLevel = 2,
}: OpportunitySummaryProps) {
  const { t, i18n } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  const place = [opportunity.city, countryLabel(opportunity.country)].filter(Boolean).join(', ');
  return (
    <article className="result">
      <Heading className="result__title">
        <Link to={`/opportunities/${opportunity.id}`}>{opportunity.title}</Link>
      </Heading>
      <p className="result__meta">
        <span className={`badge badge--${opportunity.direction}`}>{t(`marketplace.direction.${opportunity.direction}`)}</span>
        <span>{categoryLabel(opportunity.category)}</span>
        {withStatus && <StatusBadge kind="opportunity" status={opportunity.status} />}
      </p>
      <p className="result__meta">
        {place}
        {opportunity.remote && ` · ${t('marketplace.opportunities.remoteShort')}`} ·{' '}
        {t('marketplace.opportunities.until', { date: formatDate(opportunity.expires_at, i18n.language) })}
      </p>
    </article>
  );
}
