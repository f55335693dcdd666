import { childPath } from '../../../../src/core/rules/check.ts';
import { operandVariable } from '../../../../src/core/rules/operands.ts';
import type {
  Citation,
  CmpOp,
  GroupOp,
  ItemCondition,
  LeafRule,
  Literal,
  Operand,
  Rule,
} from '../../../../src/core/rules/types.ts';
import type { VariableDef } from '../../../../src/core/rules/variables.ts';

/**
 * The rule builder's model: the rule's AST (src/core/rules/types.ts) with a stable key on every node, so that a
 * condition keeps its inputs (and its focus) when it moves. The edits are pure: each returns a new tree.
 *
 * @example
 * let tree = fromRule({ op: 'all', of: [] });
 * tree = addChild(tree, tree.key, newLeaf(BASE_CATALOGUE.get('person.age')!, cite));
 * toRule(tree); // { op: 'all', of: [{ op: 'cmp', left: { var: 'person.age' }, cmp: '>=', right: 0, cite }] }
 */
export interface BuilderGroup {
  key: string;
  kind: 'group';
  op: GroupOp;
  id?: string;
  label?: string;
  cite?: Citation;
  children: BuilderNode[];
}

export interface BuilderLeaf {
  key: string;
  kind: 'leaf';
  rule: LeafRule;
}

export type BuilderNode = BuilderGroup | BuilderLeaf;

let counter = 0;
/** Keys only need to be unique within a page's lifetime. */
export const nextKey = (): string => `n${++counter}`;

export const isGroupRule = (r: Rule): r is Extract<Rule, { op: GroupOp }> =>
  r.op === 'all' || r.op === 'any' || r.op === 'none';

export function fromRule(rule: Rule): BuilderNode {
  if (isGroupRule(rule)) {
    const { of, op, id, label, cite } = rule;
    return {
      key: nextKey(),
      kind: 'group',
      op,
      ...(id !== undefined && { id }),
      ...(label !== undefined && { label }),
      ...(cite !== undefined && { cite }),
      children: of.map(fromRule),
    };
  }
  return { key: nextKey(), kind: 'leaf', rule };
}

export function toRule(node: BuilderNode): Rule {
  if (node.kind === 'leaf') return node.rule;
  return {
    ...(node.id && { id: node.id }),
    ...(node.label && { label: node.label }),
    ...(node.cite && { cite: node.cite }),
    op: node.op,
    of: node.children.map(toRule),
  };
}

export function emptyGroup(op: GroupOp = 'all', cite?: Citation): BuilderGroup {
  return { key: nextKey(), kind: 'group', op, ...(cite && { cite }), children: [] };
}

/** Applies `edit` to the node with `key`; a `null` from `edit` removes the node. */
function mapNode(
  node: BuilderNode,
  key: string,
  edit: (n: BuilderNode) => BuilderNode | null,
): BuilderNode | null {
  if (node.key === key) return edit(node);
  if (node.kind === 'leaf') return node;
  let changed = false;
  const children: BuilderNode[] = [];
  for (const child of node.children) {
    const next = mapNode(child, key, edit);
    if (next !== child) changed = true;
    if (next) children.push(next);
  }
  return changed ? { ...node, children } : node;
}

export function updateNode(
  root: BuilderNode,
  key: string,
  edit: (n: BuilderNode) => BuilderNode,
): BuilderNode {
  return mapNode(root, key, edit) ?? root;
}

/** Removes a node; the root itself stays (an empty root group is reported by the checker). */
export function removeNode(root: BuilderNode, key: string): BuilderNode {
  if (root.key === key) return root;
  return mapNode(root, key, () => null) ?? root;
}

export function addChild(root: BuilderNode, groupKey: string, child: BuilderNode): BuilderNode {
  return updateNode(root, groupKey, (g) =>
    g.kind === 'group' ? { ...g, children: [...g.children, child] } : g,
  );
}

/** Moves a node up (-1) or down (+1) among its siblings; nothing happens at either end. */
export function moveNode(root: BuilderNode, key: string, delta: -1 | 1): BuilderNode {
  const parent = parentOf(root, key);
  if (!parent) return root;
  const i = parent.children.findIndex((c) => c.key === key);
  const j = i + delta;
  if (j < 0 || j >= parent.children.length) return root;
  const children = [...parent.children];
  [children[i], children[j]] = [children[j]!, children[i]!];
  return updateNode(root, parent.key, () => ({ ...parent, children }));
}

export function parentOf(root: BuilderNode, key: string): BuilderGroup | null {
  if (root.kind === 'leaf') return null;
  for (const child of root.children) {
    if (child.key === key) return root;
    const found = parentOf(child, key);
    if (found) return found;
  }
  return null;
}

/** Every node's path as the checker names it ("" for the root, "all[2].any[0]"), by key. */
export function pathsByKey(root: BuilderNode): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: BuilderNode, path: string) => {
    out.set(node.key, path);
    if (node.kind === 'group') node.children.forEach((c, i) => walk(c, childPath(path, node.op, i)));
  };
  walk(root, '');
  return out;
}

/** Condition ids used in the tree, for materials' `proves` and for fresh ids. */
export function idsIn(root: BuilderNode): string[] {
  const out: string[] = [];
  const walk = (n: BuilderNode) => {
    const id = n.kind === 'group' ? n.id : n.rule.id;
    if (id) out.push(id);
    if (n.kind === 'group') n.children.forEach(walk);
  };
  walk(root);
  return out;
}

// ── Conditions: which operators a variable takes, and a leaf for each ─────────────────────────────────────────

/** What a condition states about its variable, as the builder offers it. */
export type Operator = CmpOp | 'between' | 'in' | 'notIn' | 'has' | 'within' | 'count';

const NUMERIC: Operator[] = ['>=', '>', '<=', '<', '=', '!=', 'between'];

export function operatorsFor(def: VariableDef): Operator[] {
  switch (def.type) {
    case 'number':
    case 'integer':
    case 'date':
      return NUMERIC;
    case 'boolean':
      return ['='];
    case 'enum':
    case 'string':
      return ['=', '!=', 'in', 'notIn'];
    case 'set':
      return ['has'];
    case 'region':
    case 'industry':
      return ['within'];
    case 'list':
      return ['count'];
  }
}

/** The variable a condition reads (for count, its list). */
export function leafVariable(rule: LeafRule): string {
  return rule.op === 'count' ? rule.list : operandVariable(rule.left);
}

export function leafOperator(rule: LeafRule): Operator {
  return rule.op === 'cmp' ? rule.cmp : rule.op;
}

/** A first value of the variable's type, for a new condition; the editor changes it. */
function defaultValue(def: VariableDef): Literal {
  if (def.type === 'boolean') return true;
  if (def.type === 'enum' || def.type === 'set') return def.values?.[0] ?? '';
  if (def.type === 'date') return '2024-01-01';
  if (def.type === 'string') return '';
  return def.min ?? 0;
}

function meta(rule: Pick<LeafRule, 'id' | 'label' | 'cite'>) {
  return {
    ...(rule.id !== undefined && { id: rule.id }),
    ...(rule.label !== undefined && { label: rule.label }),
    ...(rule.cite !== undefined && { cite: rule.cite }),
  };
}

/** The records of a kind (and, optionally, within the last months): what "无…记录" conditions count. */
export function recordFilter(
  def: VariableDef,
  kinds: string[],
  withinMonths?: number,
): ItemCondition | undefined {
  const kindField = Object.entries(def.fields ?? {}).find(([, f]) => f.type === 'enum')?.[0];
  const dateField = Object.entries(def.fields ?? {}).find(([, f]) => f.type === 'date')?.[0];
  const parts: ItemCondition[] = [];
  if (kindField && kinds.length === 1)
    parts.push({ op: 'cmp', field: kindField, cmp: '=', right: kinds[0]! });
  else if (kindField && kinds.length > 1) parts.push({ op: 'in', field: kindField, values: kinds });
  if (dateField && withinMonths)
    parts.push({ op: 'withinLast', field: dateField, amount: withinMonths, unit: 'months' });
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { op: 'and', of: parts };
}

/** What a count's filter selects, when it is the simple shape the builder writes (else null: keep it as is). */
export function readRecordFilter(
  where: ItemCondition | undefined,
): { kinds: string[]; withinMonths?: number } | null {
  const parts = where === undefined ? [] : where.op === 'and' ? where.of : [where];
  let kinds: string[] = [];
  let withinMonths: number | undefined;
  for (const p of parts) {
    if (p.op === 'cmp' && p.cmp === '=' && typeof p.right === 'string') kinds = [p.right];
    else if (p.op === 'in') kinds = p.values.map(String);
    else if (p.op === 'withinLast')
      withinMonths = p.unit === 'months' ? p.amount : p.unit === 'years' ? p.amount * 12 : NaN;
    else return null;
  }
  if (withinMonths !== undefined && !Number.isInteger(withinMonths)) return null;
  return { kinds, ...(withinMonths !== undefined && { withinMonths }) };
}

/** A new condition on a variable, with its first operator and a value of its type. */
export function leafFor(def: VariableDef, keep: Pick<LeafRule, 'id' | 'label' | 'cite'> = {}): LeafRule {
  return withOperator(def, operatorsFor(def)[0]!, keep);
}

/** The condition with another operator, keeping its variable, its meta and, where the type allows, its value. */
export function withOperator(
  def: VariableDef,
  op: Operator,
  from: Partial<LeafRule> & Pick<LeafRule, 'id' | 'label' | 'cite'>,
): LeafRule {
  const m = meta(from);
  const left: Operand =
    'left' in from && from.left && operandVariable(from.left) === def.id ? from.left : { var: def.id };
  const previous = singleValue(from) ?? defaultValue(def);
  switch (op) {
    case 'between': {
      const [min, max] =
        from.op === 'between' && from.min !== undefined && from.max !== undefined
          ? [from.min, from.max]
          : [previous, previous];
      return { ...m, op, left, min, max };
    }
    case 'in':
    case 'notIn':
      return { ...m, op, left, values: 'values' in from && from.values ? from.values : [previous] };
    case 'has':
      return { ...m, op, left, value: previous };
    case 'within':
      return {
        ...m,
        op,
        left,
        code: from.op === 'within' && from.code ? from.code : def.type === 'region' ? '371500' : 'C',
      };
    case 'count': {
      const kind = def.fields
        ? Object.values(def.fields).find((f) => f.type === 'enum')?.values?.[0]
        : undefined;
      return {
        ...m,
        op,
        list: def.id,
        ...(from.op === 'count'
          ? from.where && { where: from.where }
          : { where: recordFilter(def, kind ? [kind] : []) }),
        cmp: from.op === 'count' ? from.cmp : '=',
        right: from.op === 'count' ? from.right : 0,
      } as LeafRule;
    }
    default:
      return { ...m, op: 'cmp', left, cmp: op, right: previous };
  }
}

/** The one value a condition compares with, if it has one. */
function singleValue(rule: Partial<LeafRule>): Literal | undefined {
  const v =
    rule.op === 'cmp'
      ? rule.right
      : rule.op === 'between'
        ? rule.min
        : rule.op === 'has'
          ? rule.value
          : rule.op === 'in' || rule.op === 'notIn'
            ? rule.values?.[0]
            : undefined;
  return typeof v === 'object' ? undefined : v;
}

/** A fresh condition id from the variable's name (person.age → age, age-2 …), unique in the tree. */
export function freshId(root: BuilderNode, variable: string): string {
  const base =
    variable
      .split('.')
      .pop()!
      .replace(/[^A-Za-z0-9_]/g, '') || 'condition';
  const used = new Set(idsIn(root));
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}
