import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { TextField } from '@/components/ui/form';
import { CodeSelect } from '@/components/ui/code-select';
import type { OrganisationFilters, OrganisationKind } from '../api/get-organisations';
import type { OrganisationLabels } from './use-organisation-labels';

/** The filters in the address (`?kind=ngo&country=SN&verified=true&q=santé`), so that a search can be shared. */
export function filtersFrom(params: URLSearchParams): OrganisationFilters {
  const filters: OrganisationFilters = {};
  // The API refuses an unknown kind (400), which the list then reports.
  const kind = params.get('kind');
  if (kind) filters.kind = kind as OrganisationKind;
  const country = params.get('country')?.toUpperCase();
  if (country && /^[A-Z]{2}$/.test(country)) filters.country = country;
  if (params.get('verified') === 'true') filters.verified = true;
  const words = params.get('q')?.trim();
  if (words) filters.q = words.slice(0, 200);
  return filters;
}

export function searchOf(filters: OrganisationFilters): string {
  const params = new URLSearchParams();
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.country) params.set('country', filters.country);
  if (filters.verified) params.set('verified', 'true');
  if (filters.q) params.set('q', filters.q);
  const search = params.toString();
  return search ? `?${search}` : '';
}

interface OrganisationFiltersFormProps {
  filters: OrganisationFilters;
  labels: OrganisationLabels;
}

/**
 * Applied on "Filter" rather than at each change: on a slow link one request for several
 * choices. Folded away on arrival so that the list comes first on a phone; open while filtering.
 * Give it `key={searchOf(filters)}` so that it starts afresh when the address changes.
 */
export function OrganisationFiltersForm({ filters, labels }: OrganisationFiltersFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [kind, setKind] = useState<string>(filters.kind ?? '');
  const [country, setCountry] = useState(filters.country ?? '');
  const active = Object.keys(filters).length > 0;

  return (
    <details className="filters" open={active || undefined}>
      <summary>{t('organisations.filtersLabel')}</summary>
      <form
        role="search"
        aria-label={t('organisations.filtersLabel')}
        className="form filters__form"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const params = new URLSearchParams();
          for (const name of ['kind', 'country', 'verified', 'q']) {
            const value = data.get(name);
            if (typeof value === 'string' && value.trim()) params.set(name, value.trim());
          }
          void navigate({ search: searchOf(filtersFrom(params)) });
        }}
      >
        <CodeSelect
          name="kind"
          label={t('organisations.kind')}
          options={labels.kinds}
          value={kind}
          onChange={setKind}
          noneLabel={t('organisations.anyKind')}
        />
        <CodeSelect
          name="country"
          label={t('organisations.country')}
          options={labels.countries}
          value={country}
          onChange={setCountry}
          noneLabel={t('organisations.anyCountry')}
        />
        <TextField
          name="q"
          type="search"
          label={t('organisations.words')}
          hint={t('organisations.wordsHint')}
          maxLength={200}
          defaultValue={filters.q ?? ''}
        />
        <label className="checkbox">
          <input type="checkbox" name="verified" value="true" defaultChecked={filters.verified === true} />
          {t('organisations.verifiedOnly')}
        </label>
        <div className="form-actions">
          <button type="submit" className="button">
            {t('organisations.applyFilters')}
          </button>
          {active && (
            <button type="button" className="link-button" onClick={() => void navigate({ search: '' })}>
              {t('organisations.clearFilters')}
            </button>
          )}
        </div>
      </form>
    </details>
  );
}
