import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FacetCount } from '../api/search-requests';

/** How many values show before "all"; a phone screen holds the groups without scrolling far. */
const shownFirst = 6;

interface FacetGroupProps {
  title: string;
  facets: readonly FacetCount[];
  /** The value the search is filtered on, if any. */
  active?: string;
  labelOf: (value: string) => string;
  /** The address that sets this value, or clears it when it is the active one. */
  hrefOf: (value: string) => string;
}

/**
 * One facet: its values as links with their counts, each setting the filter in the address (or
 * clearing it: the active value is marked `aria-current` and a second tap removes it). Links
 * rather than a form, so that each choice is one request and works from a shared address.
 */
export function FacetGroup({ title, facets, active, labelOf, hrefOf }: FacetGroupProps) {
  const { t } = useTranslation();
  const id = useId();
  // The active value stays visible even when no result of the current page of facets has it.
  const values = active && !facets.some((facet) => facet.value === active) ? [{ value: active, count: 0 }, ...facets] : facets;
  if (values.length === 0) return null;

  const item = (facet: FacetCount) => {
    const current = facet.value === active;
    return (
      <li key={facet.value}>
        <Link
          to={hrefOf(facet.value)}
          className={current ? 'facet__link facet__link--active' : 'facet__link'}
          aria-current={current ? 'true' : undefined}
          title={current ? t('marketplace.search.removeFilter') : undefined}
        >
          <span className="facet__box" aria-hidden="true">
            {current ? '✓' : ''}
          </span>
          <span className="facet__label">{labelOf(facet.value)}</span>
          {facet.count > 0 && (
            <>
              {' '}
              <span className="facet__count">({facet.count})</span>
            </>
          )}
        </Link>
      </li>
    );
  };

  const first = values.slice(0, shownFirst);
  const rest = values.slice(shownFirst);
  return (
    <section className="facet" aria-labelledby={id}>
      <h3 id={id} className="facet__title">
        {title}
      </h3>
      <ul className="facet__list" aria-labelledby={id}>
        {first.map(item)}
      </ul>
      {rest.length > 0 && (
        <details className="facet__more">
          <summary>{t('marketplace.search.moreValues', { count: rest.length })}</summary>
          <ul className="facet__list">{rest.map(item)}</ul>
        </details>
      )}
    </section>
  );
}
