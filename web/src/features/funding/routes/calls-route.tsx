import '../components/funding.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useSession } from '@/features/auth';
import { useFundingTexts } from '@/lib/i18n-funding';
import { useTermLabels } from '@/lib/taxonomies/use-term-labels';
import { useCalls, type CallFilters, type CallStatus } from '../api/funding-requests';
import { formatAmount } from '../components/amount';
import { FacetSelect } from '../components/facet-select';

const STATUSES: CallStatus[] = ['open', 'forthcoming', 'closed'];

/** Calls for projects: words, status and the API's facets (country, sector category), soonest closing first. */
export function CallsRoute() {
  useFundingTexts();
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<CallFilters>({ q: '', status: 'open', country: '', sector: '' });
  const set = <K extends keyof CallFilters>(key: K) => (value: CallFilters[K]) =>
    setFilters((current) => ({ ...current, [key]: value }));
  const calls = useCalls(filters);
  const { status } = useSession();
  const countries = useTermLabels('countries');
  const sectors = useTermLabels('sectors');
  const facets = calls.data?.facets;
  return (
    <section aria-labelledby="calls-title">
      <h1 id="calls-title">{t('funding.calls.title')}</h1>
      <p>{t('funding.calls.intro')}</p>
      {status === 'authenticated' && (
        <p>
          <Link to="/funding/calls/new">{t('funding.callForm.publishLink')}</Link>
        </p>
      )}
      <form className="funding-filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('funding.calls.words')}
          <input className="input" type="search" name="q" value={filters.q} onChange={(event) => set('q')(event.target.value)} />
        </label>
        <label>
          {t('funding.calls.status')}
          <select
            className="input"
            name="status"
            value={filters.status}
            onChange={(event) => set('status')(event.target.value as CallStatus)}
          >
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`funding.status.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <FacetSelect
          name="country"
          label={t('funding.calls.country')}
          facets={facets?.country ?? []}
          value={filters.country}
          onChange={set('country')}
          labelOf={countries.label}
          allLabel={t('funding.calls.anyCountry')}
        />
        <FacetSelect
          name="sector"
          label={t('funding.calls.sector')}
          facets={facets?.sector_category ?? []}
          value={filters.sector}
          onChange={set('sector')}
          labelOf={sectors.label}
          allLabel={t('funding.calls.anySector')}
        />
      </form>
      {calls.isPending && <LoadingNotice />}
      {calls.error && <ErrorNotice error={calls.error} onRetry={() => void calls.refetch()} />}
      {calls.data && (
        <>
          <p aria-live="polite">{t('funding.calls.total', { count: calls.data.total })}</p>
          <ul className="funding-list">
            {calls.data.items.map((call) => (
              <li key={call.id} className="funding-card">
                <h2>
                  <Link to={`/funding/calls/${call.id}`}>{call.title}</Link>
                </h2>
                <p className="funding-meta">
                  {call.funder.name} · {call.programme_name}
                </p>
                <p className="funding-meta">
                  {t('funding.call.budget')} {formatAmount(call.total_budget, call.currency, i18n.language)} ·{' '}
                  {t('funding.call.closes', { date: call.closes_on, zone: call.time_zone })}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
