import { Link } from 'react-router';
import { t } from '../../i18n/index.ts';
import { FACET_TITLES, facetValueLabel } from './facet-labels.ts';
import {
  activeFilters,
  clearFilters,
  filterValue,
  toQueryString,
  withFilter,
  type FilterKey,
  type SearchState,
} from './search-state.ts';

export interface FacetGroup {
  key: FilterKey;
  values: { value: string; count: number }[];
}

/**
 * Facets as links: each value narrows the search (and its URL), the chosen one is marked `aria-current` and
 * clears the filter when followed again. Links, not checkboxes, because the API takes one value per facet.
 */
export function Facets({
  state,
  groups,
  pathname,
}: {
  state: SearchState;
  groups: FacetGroup[];
  pathname: string;
}) {
  return (
    <div className="facets">
      {groups.map(({ key, values }) => {
        const selected = state[key];
        const shown = [...values];
        if (selected !== undefined && !shown.some((v) => v.value === String(selected))) {
          shown.unshift({ value: String(selected), count: 0 });
        }
        if (shown.length === 0) return null;
        const headingId = `facet-${key}`;
        return (
          <section key={key} className="facet" aria-labelledby={headingId}>
            <h2 id={headingId} className="facet-title">
              {t(FACET_TITLES[key])}
            </h2>
            <ul className="facet-values">
              {shown.map(({ value, count }) => {
                const isSelected = selected !== undefined && String(selected) === value;
                const next = withFilter(state, key, isSelected ? undefined : filterValue(key, value));
                return (
                  <li key={value}>
                    <Link
                      to={pathname + toQueryString(next)}
                      className={isSelected ? 'facet-value facet-value-selected' : 'facet-value'}
                      aria-current={isSelected ? 'true' : undefined}
                      aria-label={
                        count > 0
                          ? t('facets.valueWithCount', { value: facetValueLabel(key, value), count })
                          : undefined
                      }
                      data-facet={key}
                      data-value={value}
                    >
                      <span className="facet-value-label">
                        {isSelected ? <span aria-hidden="true">✓ </span> : null}
                        {facetValueLabel(key, value)}
                      </span>
                      {count > 0 ? <span className="facet-count">{count}</span> : null}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/** The filters in force, each a link that removes it, and one that removes them all. */
export function ActiveFilters({ state, pathname }: { state: SearchState; pathname: string }) {
  const keys = activeFilters(state);
  if (keys.length === 0) return null;
  return (
    <div className="active-filters" aria-label={t('facets.active')} role="group">
      <span className="active-filters-title">{t('facets.activeTitle')}</span>
      <ul>
        {keys.map((key) => (
          <li key={key}>
            <Link
              to={pathname + toQueryString(withFilter(state, key, undefined))}
              className="active-filter"
              aria-label={
                t('facets.filterValue', {
                  name: t(FACET_TITLES[key]),
                  value: facetValueLabel(key, state[key]!),
                }) + t('facets.removeHint')
              }
            >
              {t('facets.filterValue', {
                name: t(FACET_TITLES[key]),
                value: facetValueLabel(key, state[key]!),
              })}
              <span aria-hidden="true" className="active-filter-x">
                ×
              </span>
            </Link>
          </li>
        ))}
        {keys.length > 1 ? (
          <li>
            <Link to={pathname + toQueryString(clearFilters(state))} className="active-filter-clear">
              {t('facets.clear')}
            </Link>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
