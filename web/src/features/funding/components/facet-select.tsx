import type { components } from '@/lib/api/schema';

type FacetCount = components['schemas']['FacetCount'];

interface FacetSelectProps {
  name: string;
  label: string;
  /** The API's counts for the calls found; `any` (calls open to every value) is no filter of its own. */
  facets: readonly FacetCount[];
  value: string;
  onChange: (value: string) => void;
  labelOf: (value: string) => string;
  /** The choice that removes the filter. */
  allLabel: string;
}

/**
 * One facet of the calls as a drop-down, each value with its count: on a phone a select takes one
 * line where a list of links would take a screen. The chosen value stays listed even when the
 * current results no longer count it, so that it can be seen and removed.
 */
export function FacetSelect({ name, label, facets, value, onChange, labelOf, allLabel }: FacetSelectProps) {
  const counted = facets.filter((facet) => facet.value !== 'any');
  const values = value && !counted.some((facet) => facet.value === value) ? [{ value, count: 0 }, ...counted] : counted;
  return (
    <label>
      {label}
      <select className="input" name={name} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{allLabel}</option>
        {values.map((facet) => (
          <option key={facet.value} value={facet.value}>
            {facet.count > 0 ? `${labelOf(facet.value)} (${facet.count})` : labelOf(facet.value)}
          </option>
        ))}
      </select>
    </label>
  );
}
