import { Button } from 'antd';
import { useId, useState } from 'react';
import { t } from '../../i18n/index.ts';
import { Facets, type FacetGroup } from './Facets.tsx';
import { activeFilters, type SearchState } from './search-state.ts';

/**
 * The facets beside a result list: a side column on a PC, folded behind a button on a phone. Shared by the
 * search page and the document library.
 */
export function FacetsPanel({
  state,
  groups,
  pathname,
}: {
  state: SearchState;
  groups: FacetGroup[];
  pathname: string;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const filterCount = activeFilters(state).length;
  return (
    <aside className={open ? 'facets-panel facets-open' : 'facets-panel'} aria-labelledby={`${panelId}-t`}>
      <h2 id={`${panelId}-t`} className="facets-heading">
        {t('facets.label')}
      </h2>
      <Button
        className="facets-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        block
      >
        {filterCount > 0 ? t('facets.toggleCount', { count: filterCount }) : t('facets.toggle')}
        <span aria-hidden="true">{open ? ' ▲' : ' ▼'}</span>
      </Button>
      <div id={panelId} className="facets-body">
        <Facets state={state} groups={groups} pathname={pathname} />
      </div>
    </aside>
  );
}
