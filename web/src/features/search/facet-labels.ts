import { t, type MessageKey } from '../../i18n/index.ts';
import { VALIDITY_VALUES, type FilterKey } from './search-state.ts';

export const FACET_TITLES: Record<FilterKey, MessageKey> = {
  issuer: 'facets.issuer',
  kind: 'facets.kind',
  year: 'facets.year',
  validity: 'facets.validity',
  level: 'facets.level',
};

/** How a filter value is shown: validity codes in words, years as 2023年, the rest as they are. */
export function facetValueLabel(key: FilterKey, value: string | number): string {
  if (key === 'validity') {
    const v = VALIDITY_VALUES.find((x) => x === value);
    return v ? t(`validity.${v}`) : String(value);
  }
  if (key === 'year') return t('facets.yearValue', { year: value });
  return String(value);
}
