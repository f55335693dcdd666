import { Button, Input } from 'antd';
import { useMemo, type KeyboardEvent, type ReactNode } from 'react';
import { renderRule } from '../../../../src/core/rules/render.ts';
import type { Citation, GroupOp } from '../../../../src/core/rules/types.ts';
import type { Catalogue } from '../../../../src/core/rules/variables.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { ChoiceSelect } from '../calculator/ChoiceSelect.tsx';
import { CitationInput } from './CitationInput.tsx';
import { ConditionEditor } from './ConditionEditor.tsx';
import {
  addChild,
  emptyGroup,
  freshId,
  leafFor,
  moveNode,
  nextKey,
  pathsByKey,
  removeNode,
  toRule,
  updateNode,
  type BuilderGroup,
  type BuilderNode,
} from './tree.ts';
import './rule-builder.css';

const GROUP_OPS: { value: GroupOp; key: MessageKey }[] = [
  { value: 'all', key: 'rules.builder.group.all' },
  { value: 'any', key: 'rules.builder.group.any' },
  { value: 'none', key: 'rules.builder.group.none' },
];

interface Context {
  root: BuilderGroup;
  catalogue: Catalogue;
  target: 'enterprise' | 'person' | 'both';
  /** Checker problems by node key. */
  problems: Map<string, string[]>;
  change: (root: BuilderGroup) => void;
}

/**
 * After a move, focus stays on the button that moved the node (or its other move button, at an end of the
 * list): moving DOM nodes would otherwise drop it.
 */
function focusAfterMove(key: string, which: 'up' | 'down'): void {
  requestAnimationFrame(() => {
    const tools = document.querySelector(`[data-node="${key}"] > .rb-tools`);
    const button =
      tools?.querySelector<HTMLButtonElement>(`.rb-move-${which}:not([disabled])`) ??
      tools?.querySelector<HTMLButtonElement>('.rb-move-up:not([disabled]), .rb-move-down:not([disabled])');
    button?.focus();
  });
}

/**
 * The form-based rule builder: nested groups (全部满足 / 任一满足 / 均不满足) of conditions, each on a variable of
 * the catalogue with an operator and values of its type and citing its article. Conditions are added, removed and
 * moved with buttons or Alt+↑/↓; the rule in Chinese, as applicants will read it, updates as it is edited.
 * `problems` are the checker's (or the server's), keyed by path ("rule.all[2]"), shown on their condition.
 */
export function RuleBuilder({
  root,
  catalogue,
  target,
  problems,
  onChange,
}: {
  root: BuilderGroup;
  catalogue: Catalogue;
  target: 'enterprise' | 'person' | 'both';
  problems: readonly { field: string; message: string }[];
  onChange: (root: BuilderGroup) => void;
}) {
  const byKey = useMemo(() => {
    const paths = pathsByKey(root);
    const out = new Map<string, string[]>();
    for (const [key, path] of paths) {
      const field = path === '' ? 'rule' : `rule.${path}`;
      const messages = problems.filter((p) => p.field === field).map((p) => p.message);
      if (messages.length) out.set(key, messages);
    }
    return out;
  }, [root, problems]);
  const ctx: Context = { root, catalogue, target, problems: byKey, change: onChange };
  const whole = (() => {
    try {
      return root.children.length ? renderRule(toRule(root), { catalogue }) : null;
    } catch {
      return null;
    }
  })();
  return (
    <div className="rule-builder">
      <GroupEditor node={root} ctx={ctx} number="" inheritedCite={undefined} isRoot />
      <section className="rb-preview" aria-labelledby="rb-preview-title">
        <h3 id="rb-preview-title">{t('rules.builder.preview')}</h3>
        <p aria-live="polite" data-testid="rule-reading">
          {whole ?? t('rules.builder.preview.empty')}
        </p>
      </section>
    </div>
  );
}

function GroupEditor({
  node,
  ctx,
  number,
  inheritedCite,
  isRoot = false,
}: {
  node: BuilderGroup;
  ctx: Context;
  number: string;
  inheritedCite: Citation | undefined;
  isRoot?: boolean;
}) {
  const id = (part: string) => `${node.key}-${part}`;
  const variables = ctx.catalogue.variables.filter((v) => ctx.target === 'both' || v.entity === ctx.target);
  const edit = (patch: Partial<BuilderGroup>) =>
    ctx.change(updateNode(ctx.root, node.key, (n) => ({ ...(n as BuilderGroup), ...patch })) as BuilderGroup);
  const cite = node.cite ?? inheritedCite;
  const addCondition = () => {
    const first = variables[0];
    if (!first) return;
    const leaf: BuilderNode = {
      key: nextKey(),
      kind: 'leaf',
      rule: leafFor(first, { id: freshId(ctx.root, first.id) }),
    };
    ctx.change(addChild(ctx.root, node.key, leaf) as BuilderGroup);
    requestAnimationFrame(() => document.getElementById(`${leaf.key}-variable`)?.focus());
  };
  const addGroup = () => {
    const group = emptyGroup('any');
    ctx.change(addChild(ctx.root, node.key, group) as BuilderGroup);
    requestAnimationFrame(() => document.getElementById(`${group.key}-op`)?.focus());
  };
  const title = isRoot ? t('rules.builder.root') : t('rules.builder.groupN', { n: number });
  return (
    <fieldset className={isRoot ? 'rb-group rb-root' : 'rb-group'}>
      <legend>{title}</legend>
      <div className="rb-row">
        <span className="rb-field">
          <label htmlFor={id('op')}>{t('rules.builder.group.op')}</label>
          <ChoiceSelect
            id={id('op')}
            value={node.op}
            options={GROUP_OPS.map((o) => ({ value: o.value, label: t(o.key) }))}
            onChange={(op) => op && edit({ op })}
          />
        </span>
        {!isRoot ? (
          <>
            <span className="rb-field">
              <label htmlFor={id('id')}>{t('rules.builder.id')}</label>
              <Input
                id={id('id')}
                value={node.id ?? ''}
                onChange={(e) => edit({ id: e.target.value || undefined })}
              />
            </span>
            <span className="rb-field">
              <label htmlFor={id('label')}>{t('rules.builder.label')}</label>
              <Input
                id={id('label')}
                value={node.label ?? ''}
                onChange={(e) => edit({ label: e.target.value || undefined })}
              />
            </span>
          </>
        ) : null}
        <CitationInput
          id={id('cite')}
          value={node.cite}
          inherited={inheritedCite}
          optional={inheritedCite !== undefined}
          onChange={(c) => edit({ cite: c })}
        />
      </div>
      {ctx.problems.get(node.key) ? (
        <ul className="field-error rb-problems" role="alert">
          {ctx.problems.get(node.key)!.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {node.children.length > 0 ? (
        <ol className="rb-children">
          {node.children.map((child, i) => {
            const n = number ? `${number}.${i + 1}` : String(i + 1);
            return (
              <NodeItem
                key={child.key}
                node={child}
                ctx={ctx}
                number={n}
                first={i === 0}
                last={i === node.children.length - 1}
              >
                {child.kind === 'group' ? (
                  <GroupEditor node={child} ctx={ctx} number={n} inheritedCite={cite} />
                ) : (
                  <ConditionEditor
                    rule={child.rule}
                    nodeKey={child.key}
                    number={n}
                    catalogue={ctx.catalogue}
                    variables={variables}
                    inheritedCite={cite}
                    problems={ctx.problems.get(child.key) ?? []}
                    onChange={(rule) =>
                      ctx.change(
                        updateNode(
                          ctx.root,
                          child.key,
                          (c) => ({ ...c, rule }) as BuilderNode,
                        ) as BuilderGroup,
                      )
                    }
                  />
                )}
              </NodeItem>
            );
          })}
        </ol>
      ) : (
        <p className="rb-empty">{t('rules.builder.group.empty')}</p>
      )}
      <div className="rb-add">
        <Button onClick={addCondition}>{t('rules.builder.addCondition', { group: title })}</Button>
        <Button onClick={addGroup}>{t('rules.builder.addGroup', { group: title })}</Button>
      </div>
    </fieldset>
  );
}

/** A condition or a group in its list, with the buttons that move and remove it (Alt+↑/↓ moves too). */
function NodeItem({
  node,
  ctx,
  number,
  first,
  last,
  children,
}: {
  node: BuilderNode;
  ctx: Context;
  number: string;
  first: boolean;
  last: boolean;
  children: ReactNode;
}) {
  const what =
    node.kind === 'group'
      ? t('rules.builder.groupN', { n: number })
      : t('rules.builder.conditionN', { n: number });
  const move = (delta: -1 | 1) => {
    ctx.change(moveNode(ctx.root, node.key, delta) as BuilderGroup);
    focusAfterMove(node.key, delta < 0 ? 'up' : 'down');
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    // Only for this node, not for a condition inside a nested group.
    if ((e.target as HTMLElement).closest('[data-node]') !== e.currentTarget) return;
    e.preventDefault();
    if (e.key === 'ArrowUp' && !first) move(-1);
    if (e.key === 'ArrowDown' && !last) move(1);
  };
  return (
    <li className={`rb-node rb-node-${node.kind}`} data-node={node.key} onKeyDown={onKeyDown}>
      <div className="rb-tools">
        <span className="rb-number" aria-hidden="true">
          {number}
        </span>
        {node.kind === 'leaf' ? <span className="rb-node-title">{what}</span> : null}
        <Button
          size="small"
          className="rb-move-up"
          disabled={first}
          onClick={() => move(-1)}
          aria-label={t('rules.builder.moveUp', { what })}
        >
          ↑
        </Button>
        <Button
          size="small"
          className="rb-move-down"
          disabled={last}
          onClick={() => move(1)}
          aria-label={t('rules.builder.moveDown', { what })}
        >
          ↓
        </Button>
        <Button
          size="small"
          danger
          onClick={(e) => {
            // The button goes with its node: focus moves to the group's own "add" button, which stays.
            const group = e.currentTarget.closest('li.rb-node')?.parentElement?.closest('fieldset');
            ctx.change(removeNode(ctx.root, node.key) as BuilderGroup);
            requestAnimationFrame(() =>
              group?.querySelector<HTMLButtonElement>(':scope > .rb-add button')?.focus(),
            );
          }}
          aria-label={t('rules.builder.remove', { what })}
        >
          {t('rules.builder.removeShort')}
        </Button>
      </div>
      {children}
    </li>
  );
}
