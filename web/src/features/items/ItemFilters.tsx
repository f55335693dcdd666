import { Link } from 'react-router';
import type { ItemFilter } from '../../api/item-queries.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { targetLabel } from './format.ts';
import {
  FILTER_KEYS,
  FILTER_VALUES,
  itemFilterQuery,
  withItemFilter,
  type ItemFilterKey,
} from './item-filters.ts';

const TITLES: Record<ItemFilterKey, MessageKey> = {
  target: 'items.filter.target',
  kind: 'items.filter.kind',
  mode: 'items.filter.mode',
};

const valueLabel = (key: ItemFilterKey, value: string) => (key === 'target' ? targetLabel(value) : value);

/**
 * 对象 / 类别 / 办理方式 as rows of links: each is a URL (shareable, works with the keyboard), the chosen one
 * marked `aria-current`; 全部 clears its row. Three short rows fit a phone without folding.
 */
export function ItemFilters({ filter, pathname }: { filter: ItemFilter; pathname: string }) {
  return (
    <section className="item-filters" aria-labelledby="item-filters-title">
      <h2 id="item-filters-title" className="visually-hidden">
        {t('items.filters')}
      </h2>
      {FILTER_KEYS.map((key) => {
        const selected = filter[key];
        const name = t(TITLES[key]);
        const option = (value: string | undefined, label: string) => {
          const current = selected === value;
          return (
            <li key={value ?? ''}>
              <Link
                to={pathname + itemFilterQuery(withItemFilter(filter, key, value))}
                className={current ? 'filter-option filter-option-selected' : 'filter-option'}
                aria-current={current ? 'true' : undefined}
                aria-label={t('items.filter.value', { name, value: label })}
                data-filter={key}
              >
                {current ? <span aria-hidden="true">✓ </span> : null}
                {label}
              </Link>
            </li>
          );
        };
        return (
          <div key={key} className="filter-row" role="group" aria-labelledby={`item-filter-${key}`}>
            <span id={`item-filter-${key}`} className="filter-name">
              {name}
            </span>
            <ul className="filter-options">
              {option(undefined, t('items.filter.all'))}
              {FILTER_VALUES[key].map((v) => option(v, valueLabel(key, v)))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
