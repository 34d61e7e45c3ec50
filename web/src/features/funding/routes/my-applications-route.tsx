import '../components/funding.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useFundingTexts } from '@/lib/i18n-funding';
import { useMyApplications } from '../api/funding-requests';
import { formatAmount } from '../components/amount';

/** The member's applications and their organisations', newest first, each with where it stands. */
export function MyApplicationsRoute() {
  useFundingTexts();
  const { t, i18n } = useTranslation();
  const mine = useMyApplications();
  return (
    <section aria-labelledby="my-applications-title">
      <h1 id="my-applications-title">{t('funding.applications.title')}</h1>
      {mine.isPending && <LoadingNotice />}
      {mine.error && <ErrorNotice error={mine.error} onRetry={() => void mine.refetch()} />}
      {mine.data?.length === 0 && (
        <p>
          {t('funding.applications.none')} <Link to="/funding">{t('funding.calls.title')}</Link>
        </p>
      )}
      <ul className="funding-list">
        {mine.data?.map((application) => (
          <li key={application.id} className="funding-card">
            <h2>
              <Link to={`/funding/applications/${application.id}`}>{application.call_title}</Link>
            </h2>
            <p className="funding-meta">
              {application.project_title} · {application.organisation_name}
            </p>
            <p className="funding-meta">
              <strong>{t(`funding.applicationStatus.${application.status}`)}</strong> ·{' '}
              {formatAmount(application.amount_requested, application.currency, i18n.language)}
              {application.amount_granted != null &&
                ` · ${t('funding.board.granted', { amount: formatAmount(application.amount_granted, application.currency, i18n.language) })}`}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
