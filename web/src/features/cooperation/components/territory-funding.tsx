import { useTranslation } from 'react-i18next';
import { formatMoney } from '@/lib/format';
import type { TerritoryDashboard } from '../api/cooperation';

type FundingYear = TerritoryDashboard['funding'][number];

/** Amounts per currency, never converted: "25 000 €, 10 000 000 FCFA". */
function granted(amounts: FundingYear['granted'], lang: string): string {
  const entries = Object.entries(amounts ?? {});
  return entries.length === 0 ? '—' : entries.map(([currency, amount]) => formatMoney(amount, currency, lang)).join(', ');
}

/** The funds total of all years, per currency. */
function sumGranted(years: readonly FundingYear[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const year of years) {
    for (const [currency, amount] of Object.entries(year.granted ?? {})) {
      total[currency] = (total[currency] ?? 0) + amount;
    }
  }
  return total;
}

/**
 * Applications to calls for projects and funds obtained, per year, by the authority and its
 * partner authorities on the platform: the money side of the return to the territory.
 */
export function TerritoryFunding({ dashboard }: { dashboard: TerritoryDashboard }) {
  const { t, i18n } = useTranslation();
  const years = dashboard.funding;
  if (years.length === 0) return <p className="notice">{t('cooperation.fundingNone')}</p>;
  // Organisations are named by the dashboard itself and by the links' sides on the platform.
  const names = new Map<string, string>([[dashboard.organisation_id, dashboard.name]]);
  for (const link of dashboard.links) {
    for (const side of [link.north, link.south]) {
      if (side.organisation_id) names.set(side.organisation_id, side.name);
    }
  }
  const applications = years.reduce((sum, year) => sum + year.applications, 0);
  const accepted = years.reduce((sum, year) => sum + year.accepted, 0);
  return (
    <div className="table-scroll">
      <table data-testid="territory-funding">
        <caption>{t('cooperation.fundingCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cooperation.fundingYear')}</th>
            <th scope="col">{t('cooperation.fundingAuthority')}</th>
            <th scope="col">{t('cooperation.fundingApplications')}</th>
            <th scope="col">{t('cooperation.fundingAccepted')}</th>
            <th scope="col">{t('cooperation.fundingGranted')}</th>
          </tr>
        </thead>
        <tbody>
          {years.map((year) => (
            <tr key={`${year.organisation_id}-${year.year}`}>
              <td>{year.year}</td>
              <td>{names.get(year.organisation_id) ?? t('cooperation.partnerOnPlatform')}</td>
              <td>{year.applications}</td>
              <td>{year.accepted}</td>
              <td>{granted(year.granted, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              {t('cooperation.fundingTotal')}
            </th>
            <td>{applications}</td>
            <td>{accepted}</td>
            <td>{granted(sumGranted(years), i18n.language)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
