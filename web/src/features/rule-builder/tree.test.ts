import { describe, expect, it } from 'vitest';
import { checkRule } from '../../../../src/core/rules/check.ts';
import { renderRule } from '../../../../src/core/rules/render.ts';
import type { Rule } from '../../../../src/core/rules/types.ts';
import { BASE_CATALOGUE } from '../../../../src/core/rules/variables.ts';
import { parseCitation } from './citation.ts';
import {
  addChild,
  emptyGroup,
  freshId,
  fromRule,
  leafFor,
  moveNode,
  nextKey,
  operatorsFor,
  pathsByKey,
  readRecordFilter,
  recordFilter,
  removeNode,
  toRule,
  withOperator,
  type BuilderGroup,
} from './tree.ts';

const cite = { doc: '聊政字〔2023〕9号', article: 30 };
const variable = (id: string) => BASE_CATALOGUE.get(id)!;

const RULE: Rule = {
  op: 'all',
  cite,
  of: [
    {
      op: 'between',
      id: 'age',
      left: { var: 'person.age' },
      min: 25,
      max: 60,
      cite: { ...cite, items: [1] },
    },
    {
      op: 'any',
      id: 'either',
      of: [
        { op: 'cmp', left: { var: 'person.drivingYears' }, cmp: '>=', right: 3 },
        { op: 'cmp', left: { var: 'person.healthy' }, cmp: '=', right: true },
      ],
    },
  ],
};

describe('rule builder tree', () => {
  it('round-trips a rule through the keyed tree', () => {
    expect(toRule(fromRule(RULE))).toEqual(RULE);
  });

  it('names each node by the checker path, so problems land on their condition', () => {
    const tree = fromRule(RULE) as BuilderGroup;
    const paths = pathsByKey(tree);
    const either = tree.children[1] as BuilderGroup;
    expect(paths.get(tree.key)).toBe('');
    expect(paths.get(tree.children[0]!.key)).toBe('all[0]');
    expect(paths.get(either.children[1]!.key)).toBe('all[1].any[1]');
  });

  it('moves a node among its siblings and leaves the ends alone', () => {
    const tree = fromRule(RULE) as BuilderGroup;
    const [first, second] = tree.children;
    const down = moveNode(tree, first!.key, 1) as BuilderGroup;
    expect(down.children.map((c) => c.key)).toEqual([second!.key, first!.key]);
    expect(moveNode(tree, first!.key, -1)).toBe(tree);
    expect(moveNode(down, first!.key, 1)).toBe(down);
    // Inside a nested group.
    const either = tree.children[1] as BuilderGroup;
    const moved = moveNode(tree, either.children[1]!.key, -1) as BuilderGroup;
    expect(
      (toRule(moved) as { of: { of?: Rule[] }[] }).of[1]!.of!.map((r) => r.op === 'cmp' && r.right),
    ).toEqual([true, 3]);
  });

  it('adds and removes nodes, never the root', () => {
    const tree = fromRule(RULE) as BuilderGroup;
    const either = tree.children[1]!;
    const leaf = { key: nextKey(), kind: 'leaf' as const, rule: leafFor(variable('person.licenceClass')) };
    const added = addChild(tree, either.key, leaf) as BuilderGroup;
    expect((added.children[1] as BuilderGroup).children).toHaveLength(3);
    expect(removeNode(added, tree.key)).toBe(added);
    const removed = removeNode(added, either.key) as BuilderGroup;
    expect(toRule(removed)).toEqual({ op: 'all', cite, of: [RULE.op === 'all' && RULE.of[0]] });
  });

  it('offers operators by variable type, and new conditions that the checker accepts', () => {
    expect(operatorsFor(variable('person.age'))).toContain('between');
    expect(operatorsFor(variable('person.healthy'))).toEqual(['=']);
    expect(operatorsFor(variable('person.licenceClass'))).toEqual(['=', '!=', 'in', 'notIn']);
    expect(operatorsFor(variable('person.records'))).toEqual(['count']);
    for (const v of BASE_CATALOGUE.variables) {
      // A new condition on a string variable starts empty, for the editor to fill.
      if (v.type === 'string') continue;
      const fresh = checkRule(leafFor(v, { id: 'x', cite }), BASE_CATALOGUE);
      expect(fresh.ok, `${v.id}: ${JSON.stringify(fresh)}`).toBe(true);
      // Every operator makes a well-typed condition; "低于0" may still be impossible, which the checker says.
      for (const op of operatorsFor(v)) {
        const checked = checkRule(withOperator(v, op, { id: 'x', cite }), BASE_CATALOGUE);
        const codes = checked.ok ? [] : checked.errors.map((e) => e.code);
        expect(
          codes.filter((c) => c !== 'impossible'),
          `${v.id} ${op}`,
        ).toEqual([]);
      }
    }
  });

  it('keeps the value when the operator changes, where the type allows', () => {
    const age = variable('person.age');
    const at25 = withOperator(age, '>=', { id: 'age', cite });
    const between = withOperator(age, 'between', { ...at25, ...(at25.op === 'cmp' && { right: 25 }) });
    expect(between).toMatchObject({ op: 'between', min: 25, max: 25, id: 'age', cite });
    const classes = withOperator(variable('person.licenceClass'), 'in', {
      op: 'cmp',
      left: { var: 'person.licenceClass' },
      cmp: '=',
      right: 'B1',
    } as never);
    expect(classes).toMatchObject({ op: 'in', values: ['B1'] });
  });

  it('writes and reads the record filters of "无…记录" conditions', () => {
    const records = variable('person.records');
    const where = recordFilter(records, ['饮酒驾驶', '醉酒驾驶'], 12);
    expect(where).toEqual({
      op: 'and',
      of: [
        { op: 'in', field: 'kind', values: ['饮酒驾驶', '醉酒驾驶'] },
        { op: 'withinLast', field: 'on', amount: 12, unit: 'months' },
      ],
    });
    expect(readRecordFilter(where)).toEqual({ kinds: ['饮酒驾驶', '醉酒驾驶'], withinMonths: 12 });
    expect(readRecordFilter({ op: 'withinLast', field: 'on', amount: 1, unit: 'years' })).toEqual({
      kinds: [],
      withinMonths: 12,
    });
    expect(readRecordFilter({ op: 'or', of: [] })).toBeNull();
    const rule = { op: 'count' as const, list: 'person.records', where, cmp: '=' as const, right: 0 };
    expect(renderRule(rule, { catalogue: BASE_CATALOGUE })).toBe(
      '最近12个月内无以下任一记录：饮酒驾驶、醉酒驾驶',
    );
  });

  it('gives fresh condition ids', () => {
    const tree = fromRule(RULE);
    expect(freshId(tree, 'person.age')).toBe('age-2');
    expect(freshId(tree, 'person.licenceClass')).toBe('licenceClass');
    expect(freshId(emptyGroup(), 'person.age')).toBe('age');
  });

  it('reads citations with the rule syntax, inheriting the document', () => {
    expect(parseCitation('第三十条（一）', cite)).toEqual({ ok: true, cite: { ...cite, items: [1] } });
    expect(parseCitation('聊政字〔2023〕9号 第三十条第二款')).toEqual({
      ok: true,
      cite: { ...cite, paragraph: 2 },
    });
    const bad = parseCitation('三十条', cite);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).not.toMatch(/^第\d+行/);
  });
});
