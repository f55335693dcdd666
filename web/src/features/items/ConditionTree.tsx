import type { ConditionView, Quote } from '../../api/items.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { Cite } from './Cite.tsx';

const GROUP_LEAD: Record<string, MessageKey> = {
  all: 'item.group.all',
  any: 'item.group.any',
  none: 'item.group.none',
};

interface Inherited {
  cite?: string;
  quote?: Quote | null;
}

function isGroup(node: ConditionView): boolean {
  return node.op in GROUP_LEAD && (node.children?.length ?? 0) > 0;
}

/** A condition without a citation of its own rests on its group's (the rule language's inheritance). */
function ConditionNode({ node, inherited }: { node: ConditionView; inherited: Inherited }) {
  const cite = node.cite ?? inherited.cite;
  const quote = node.cite ? node.quote : inherited.quote;
  return (
    <li className="condition" data-condition={node.id ?? node.path}>
      {isGroup(node) ? (
        <>
          <p className="condition-text">
            {node.label ? <strong className="condition-label">{node.label}：</strong> : null}
            {t(GROUP_LEAD[node.op]!)}
          </p>
          {node.cite ? <Cite cite={node.cite} quote={node.quote} /> : null}
          <ConditionList nodes={node.children!} inherited={{ cite, quote }} />
        </>
      ) : (
        <>
          <p className="condition-text">
            {node.label ? <strong className="condition-label">{node.label}：</strong> : null}
            {node.text}
          </p>
          {cite ? <Cite cite={cite} quote={quote} withQuote={node.cite !== undefined} /> : null}
        </>
      )}
    </li>
  );
}

function ConditionList({ nodes, inherited }: { nodes: ConditionView[]; inherited: Inherited }) {
  return (
    <ol className="condition-list">
      {nodes.map((n) => (
        <ConditionNode key={n.path} node={n} inherited={inherited} />
      ))}
    </ol>
  );
}

/**
 * An item's conditions as the server renders them (GET /api/items/{code} `conditions`): the top group's
 * citation once, then each condition in Chinese with its own citation, linked to the article, and the article's
 * words behind a disclosure.
 */
export function ConditionTree({ root }: { root: ConditionView }) {
  if (!isGroup(root)) return <ConditionList nodes={[root]} inherited={{}} />;
  return (
    <div className="condition-tree">
      <p className="condition-lead">{t(GROUP_LEAD[root.op]!)}</p>
      {root.cite ? <Cite cite={root.cite} quote={root.quote} /> : null}
      <ConditionList nodes={root.children!} inherited={{ cite: root.cite, quote: root.quote }} />
    </div>
  );
}
