import { useQuery } from '@tanstack/react-query';
import type { Explanation, Target } from '../../api/items.ts';
import { itemQueries } from '../../api/item-queries.ts';
import { formatDate } from '../../app/format.ts';
import { t } from '../../i18n/index.ts';
import { citationText, documentIdsByNumber } from '../items/citation.ts';
import { CiteLink } from '../items/Cite.tsx';
import { formatValue, sourceLabel, type VariableIndex } from '../items/format.ts';
import { OutcomeTag } from './Outcome.tsx';

function Node({
  node,
  ids,
  variables,
}: {
  node: Explanation;
  ids: ReadonlyMap<string, number>;
  variables: VariableIndex;
}) {
  return (
    <li className={`explain-node explain-${node.outcome}`} data-outcome={node.outcome}>
      <p className="explain-head">
        <OutcomeTag outcome={node.outcome} />
        <span className="explain-text">
          {node.label ? <strong>{node.label}：</strong> : null}
          {node.text}
        </span>
      </p>
      {node.children?.length ? null : node.used.length > 0 ? (
        <ul className="explain-used" aria-label={t('match.used')}>
          {node.used.map((u) => (
            <li key={u.variable}>
              <span className="explain-value">
                {t('match.usedValue', {
                  label: u.label,
                  value: formatValue(u.value, variables.get(u.variable)),
                })}
              </span>
              <span className="explain-source">
                {t('match.usedMeta', { source: sourceLabel(u.source, variables), date: formatDate(u.asOf) })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="explain-used muted">{t('match.noData')}</p>
      )}
      {node.nearMiss ? <p className="near-miss">{node.nearMiss.message}</p> : null}
      {node.reason && node.outcome === 'unknown' && !node.children?.length ? (
        <p className="explain-reason">{node.reason}</p>
      ) : null}
      {node.cite && !node.children?.length ? (
        <p className="cite-line">
          <span className="cite-label">{t('item.cite')}</span>
          <CiteLink cite={citationText(node.cite)} documentId={ids.get(node.cite.doc)} />
        </p>
      ) : null}
      {node.children?.length ? (
        <ol className="explain-children">
          {node.children.map((c) => (
            <Node key={c.path} node={c} ids={ids} variables={variables} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/**
 * Why an item fits or not, condition by condition: 符合 / 不符合 / 待确认, the value used with its source
 * (which department's shared data, or 本人申报) and as-of date, near misses, and the article each condition
 * cites. Document ids for the citation links come from the item's own page data (the trace cites by 文号).
 */
export function ExplanationTree({ code, kind, root }: { code: string; kind: Target; root: Explanation }) {
  const item = useQuery(itemQueries.item(code));
  const vars = useQuery(itemQueries.variables(kind));
  const ids = item.data ? documentIdsByNumber(item.data) : new Map<string, number>();
  const variables: VariableIndex = new Map((vars.data ?? []).map((v) => [v.id, v]));
  const nodes = root.children?.length ? root.children : [root];
  return (
    <div className="explain">
      <p className="muted">{t('match.explainLegend')}</p>
      <ol className="explain-children explain-root">
        {nodes.map((n) => (
          <Node key={n.path} node={n} ids={ids} variables={variables} />
        ))}
      </ol>
    </div>
  );
}
