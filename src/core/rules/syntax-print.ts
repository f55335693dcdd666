import { renderCitation } from './render.ts';
import type { Citation, ItemCondition, Literal, NodeMeta, Operand, Rule, Value } from './types.ts';

/**
 * Prints a rule in the authoring syntax that `parseRule` reads back (see syntax.ts for the grammar).
 * Citations whose document is the one in force from an enclosing group print without it: `@第三十条（二）`.
 *
 * @example
 * printRule({ op: 'cmp', left: { var: 'person.healthy' }, cmp: '=', right: true,
 *   cite: { doc: '聊政字〔2023〕9号', article: 30, items: [6] } })
 * // 'person.healthy = true @聊政字〔2023〕9号 第三十条（六）\n'
 */
export function printRule(rule: Rule): string {
  const lines: string[] = [];
  printNode(rule, 0, undefined, lines);
  return lines.join('\n') + '\n';
}

function printNode(rule: Rule, depth: number, inherited: Citation | undefined, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const head = indent + meta(rule);
  const cite = rule.cite ? ` @${citation(rule.cite, inherited)}` : '';
  if (rule.op === 'all' || rule.op === 'any' || rule.op === 'none') {
    lines.push(`${head}${rule.op}${cite} {`);
    for (const child of rule.of) printNode(child, depth + 1, rule.cite ?? inherited, lines);
    lines.push(`${indent}}`);
    return;
  }
  lines.push(`${head}${leaf(rule)}${cite}`);
}

function meta(node: NodeMeta): string {
  if (node.id === undefined && node.label === undefined) return '';
  const parts = [node.id, node.label === undefined ? undefined : JSON.stringify(node.label)];
  return `${parts.filter((p) => p !== undefined).join(' ')}: `;
}

function citation(cite: Citation, inherited: Citation | undefined): string {
  return renderCitation(cite, { withDoc: inherited?.doc !== cite.doc });
}

function leaf(rule: Exclude<Rule, { op: 'all' | 'any' | 'none' }>): string {
  switch (rule.op) {
    case 'cmp':
      return `${operand(rule.left)} ${rule.cmp} ${value(rule.right)}`;
    case 'between':
      return `${operand(rule.left)} between ${value(rule.min)} and ${value(rule.max)}`;
    case 'in':
      return `${operand(rule.left)} in ${list(rule.values)}`;
    case 'notIn':
      return `${operand(rule.left)} not in ${list(rule.values)}`;
    case 'within':
      return `${operand(rule.left)} within ${JSON.stringify(rule.code)}`;
    case 'has':
      return `${operand(rule.left)} has ${literal(rule.value)}`;
    case 'count': {
      const where = rule.where ? ` where ${item(rule.where)}` : '';
      return `count(${rule.list}${where}) ${rule.cmp} ${value(rule.right)}`;
    }
  }
}

function item(cond: ItemCondition): string {
  switch (cond.op) {
    case 'and':
    case 'or':
      return cond.of
        .map((c) => (c.op === 'and' || c.op === 'or' ? `(${item(c)})` : item(c)))
        .join(` ${cond.op} `);
    case 'cmp':
      return `${cond.field} ${cond.cmp} ${literal(cond.right)}`;
    case 'in':
      return `${cond.field} in ${list(cond.values)}`;
    case 'notIn':
      return `${cond.field} not in ${list(cond.values)}`;
    case 'withinLast': {
      const unit = cond.amount === 1 ? cond.unit.slice(0, -1) : cond.unit;
      return `${cond.field} within ${cond.amount} ${unit}`;
    }
  }
}

function operand(op: Operand): string {
  if ('var' in op) return op.var;
  if ('yearsSince' in op) return `yearsSince(${op.yearsSince})`;
  if ('monthsSince' in op) return `monthsSince(${op.monthsSince})`;
  return `daysSince(${op.daysSince})`;
}

function value(v: Value): string {
  return typeof v === 'object' ? `param(${v.param})` : literal(v);
}

function list(values: readonly Literal[]): string {
  return `[${values.map(literal).join(', ')}]`;
}

function literal(v: Literal): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (!Number.isFinite(v)) throw new RangeError(`无法书写非有限数值 ${v}`);
  return Object.is(v, -0) ? '-0' : String(v);
}
