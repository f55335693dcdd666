import { describe, expect, it } from 'vitest';
import { checkRule, type RuleError } from './check.ts';
import { SCHOOL_BUS_DRIVER_RULE } from './examples.ts';
import type { Citation, ItemCondition, ParameterDef, Rule } from './types.ts';
import { BASE_CATALOGUE } from './variables.ts';

const cite: Citation = { doc: '聊政字〔2023〕6号', article: 3 };
const params: ParameterDef[] = [
  { id: 'minEmployees', label: '最低从业人数', unit: '人', values: [{ from: '2024-01-01', value: 20 }] },
  { id: 'capital', label: '注册资本门槛', unit: '元', values: [{ from: '2024-01-01', value: 100 }] },
  { id: 'empty', label: '空参数', values: [] },
  {
    id: 'broken',
    label: '坏参数',
    values: [
      { from: '2024-13-01', value: 1 },
      { from: '2024-01-01', value: '多' },
      { from: '2024-01-01', value: 2 },
    ],
  },
];

/** The errors of a rule, as [code, path] pairs, with the messages kept for the assertions that read them. */
function errorsOf(rule: Rule): RuleError[] {
  const result = checkRule(rule, BASE_CATALOGUE, params);
  return result.ok ? [] : result.errors;
}
const codes = (rule: Rule) => errorsOf(rule).map((e) => e.code);
const leaf = (rule: Rule): Rule => ({ ...rule, cite });
const count = (where: ItemCondition): Rule =>
  leaf({ op: 'count', list: 'person.records', where, cmp: '=', right: 0 });

describe('checkRule', () => {
  it('passes the school-bus driver rule', () => {
    expect(checkRule(SCHOOL_BUS_DRIVER_RULE, BASE_CATALOGUE)).toEqual({ ok: true, warnings: [] });
  });

  it('names the condition, its path, id and label, with a Chinese message', () => {
    const rule: Rule = {
      op: 'all',
      cite,
      of: [
        { op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>=', right: 20 },
        { op: 'cmp', left: { var: 'enterprise.revenue' }, cmp: '>=', right: 100 },
        {
          op: 'any',
          of: [
            {
              op: 'cmp',
              id: 'staff',
              label: '人数',
              left: { var: 'enterprise.employes' },
              cmp: '>=',
              right: 20,
            },
          ],
        },
      ],
    };
    expect(errorsOf(rule)).toEqual([
      {
        code: 'unknownVariable',
        path: 'all[2].any[0]',
        id: 'staff',
        label: '人数',
        text: 'enterprise.employes不低于20',
        message: '条件“人数”引用了未定义的变量 enterprise.employes',
      },
    ]);
    expect(
      errorsOf(leaf({ op: 'cmp', left: { var: 'enterprise.employes' }, cmp: '>=', right: 20 }))[0]?.message,
    ).toBe('条件“enterprise.employes不低于20”引用了未定义的变量 enterprise.employes');
  });

  it('rejects type mismatches', () => {
    expect(
      errorsOf(leaf({ op: 'cmp', left: { var: 'enterprise.name' }, cmp: '<', right: '甲' }))[0]?.message,
    ).toBe('条件“企业名称<甲”：企业名称是文本，不能用 < 比较大小');
    expect(codes(leaf({ op: 'cmp', left: { var: 'enterprise.foundedOn' }, cmp: '>=', right: 2020 }))).toEqual(
      ['typeMismatch'],
    );
    expect(codes(leaf({ op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>=', right: '20' }))).toEqual(
      ['typeMismatch'],
    );
    expect(codes(leaf({ op: 'cmp', left: { var: 'person.healthy' }, cmp: '=', right: 1 }))).toEqual([
      'typeMismatch',
    ]);
    expect(codes(leaf({ op: 'within', left: { var: 'person.education' }, code: '371500' }))).toEqual([
      'typeMismatch',
    ]);
    expect(codes(leaf({ op: 'has', left: { var: 'person.education' }, value: '本科' }))).toEqual([
      'typeMismatch',
    ]);
    expect(
      codes(leaf({ op: 'cmp', left: { var: 'enterprise.qualifications' }, cmp: '=', right: '高新技术企业' })),
    ).toEqual(['typeMismatch']);
    expect(
      codes(leaf({ op: 'cmp', left: { yearsSince: 'enterprise.employees' }, cmp: '>=', right: 2 })),
    ).toEqual(['typeMismatch']);
    expect(codes(leaf({ op: 'in', left: { yearsSince: 'person.birthDate' }, values: [18] }))).toEqual([
      'typeMismatch',
    ]);
    expect(codes(leaf({ op: 'between', left: { var: 'person.sex' }, min: 1, max: 2 }))).toEqual([
      'typeMismatch',
    ]);
    expect(codes(leaf({ op: 'count', list: 'person.healthy', cmp: '=', right: 0 }))).toEqual([
      'typeMismatch',
    ]);
  });

  it('rejects values that are not members, dates or codes', () => {
    expect(
      errorsOf(leaf({ op: 'cmp', left: { var: 'enterprise.taxCredit' }, cmp: '=', right: 'E' }))[0]?.message,
    ).toBe('条件“纳税信用级别为E”：“E”不是纳税信用级别的取值（可选：A、B、M、C、D）');
    expect(codes(leaf({ op: 'in', left: { var: 'enterprise.scale' }, values: ['小型', '特大型'] }))).toEqual([
      'badValue',
    ]);
    expect(codes(leaf({ op: 'has', left: { var: 'enterprise.qualifications' }, value: '高企' }))).toEqual([
      'badValue',
    ]);
    expect(
      errorsOf(leaf({ op: 'cmp', left: { var: 'enterprise.foundedOn' }, cmp: '<', right: '2023-02-29' }))[0]
        ?.message,
    ).toContain('“2023-02-29”不是有效日期，日期应写作 YYYY-MM-DD');
    expect(
      errorsOf(leaf({ op: 'within', left: { var: 'enterprise.region' }, code: '371599' }))[0]?.message,
    ).toContain('“371599”不是有效的行政区划代码（GB/T 2260）');
    expect(
      errorsOf(leaf({ op: 'within', left: { var: 'enterprise.industry' }, code: '34' }))[0]?.message,
    ).toContain('行业代码应写作“C34”');
    expect(
      codes(leaf({ op: 'cmp', left: { var: 'enterprise.revenue' }, cmp: '>', right: Infinity })),
    ).toEqual(['badValue']);
    expect(codes(count({ op: 'cmp', field: 'kind', cmp: '=', right: '超速' }))).toEqual(['badValue']);
  });

  it('rejects impossible ranges and values outside a variable’s range', () => {
    expect(errorsOf(leaf({ op: 'between', left: { var: 'person.age' }, min: 60, max: 25 }))[0]?.message).toBe(
      '条件“年龄在60周岁以上、不超过25周岁”：下限 60 大于上限 25，条件不可能满足',
    );
    expect(
      errorsOf(leaf({ op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '<', right: 0 }))[0]?.message,
    ).toBe('条件“从业人员少于0人”：从业人员的取值范围为不小于0人，此条件不可能满足');
    expect(codes(leaf({ op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>=', right: -1 }))).toEqual([
      'outOfRange',
    ]);
    expect(codes(leaf({ op: 'cmp', left: { var: 'person.age' }, cmp: '>', right: 150 }))).toEqual([
      'impossible',
    ]);
    expect(codes(leaf({ op: 'cmp', left: { var: 'person.age' }, cmp: '=', right: 30.5 }))).toEqual([
      'impossible',
    ]);
    expect(codes(leaf({ op: 'count', list: 'person.records', cmp: '<', right: 0 }))).toEqual(['impossible']);
  });

  it('rejects bounds on one quantity that exclude each other inside an all', () => {
    const rule: Rule = {
      op: 'all',
      cite,
      of: [
        { op: 'cmp', left: { var: 'person.age' }, cmp: '>=', right: 60 },
        { op: 'cmp', left: { yearsSince: 'person.birthDate' }, cmp: '<', right: 25 },
        { op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>', right: 5 },
        { op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '<', right: 6 },
        { op: 'cmp', left: { var: 'enterprise.revenue' }, cmp: '>', right: 5 },
        { op: 'cmp', left: { var: 'enterprise.revenue' }, cmp: '<', right: 6 },
      ],
    };
    const errors = errorsOf(rule);
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['contradiction', ''],
      ['contradiction', ''],
    ]);
    expect(errors[0]?.message).toContain('其中“年龄满60周岁”与“年龄不满25周岁”不可能同时满足');
    // Whole people: more than 5 and fewer than 6 is no one. Revenue in 万元 can lie between.
    expect(errors[1]?.message).toContain('“从业人员多于5人”与“从业人员少于6人”');
    // The same bounds under any are alternatives, not a contradiction.
    expect(codes({ ...rule, op: 'any' })).toEqual([]);
  });

  it('rejects empty groups and lists', () => {
    expect(codes({ op: 'all', of: [], cite })).toEqual(['emptyGroup']);
    expect(codes(leaf({ op: 'in', left: { var: 'person.education' }, values: [] }))).toEqual(['emptyList']);
    expect(
      codes(count({ op: 'and', of: [{ op: 'withinLast', field: 'on', amount: 3, unit: 'years' }] })),
    ).toEqual(['emptyGroup']);
  });

  it('rejects unknown fields and ill-formed windows in list conditions', () => {
    expect(errorsOf(count({ op: 'cmp', field: 'type', cmp: '=', right: '犯罪' }))[0]?.message).toContain(
      '列表元素没有字段 type（可用：kind、on）',
    );
    expect(codes(count({ op: 'withinLast', field: 'kind', amount: 3, unit: 'years' }))).toEqual([
      'typeMismatch',
    ]);
    expect(codes(count({ op: 'withinLast', field: 'on', amount: 0, unit: 'years' }))).toEqual(['badValue']);
  });

  it('checks parameters: known, well typed, in the same unit, and warns when one has no values', () => {
    expect(
      codes(
        leaf({
          op: 'cmp',
          left: { var: 'enterprise.employees' },
          cmp: '>=',
          right: { param: 'minEmployees' },
        }),
      ),
    ).toEqual([]);
    expect(
      errorsOf(
        leaf({ op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>=', right: { param: 'min' } }),
      )[0]?.message,
    ).toContain('引用了未定义的参数 min');
    expect(
      errorsOf(
        leaf({
          op: 'cmp',
          left: { var: 'enterprise.registeredCapital' },
          cmp: '>=',
          right: { param: 'capital' },
        }),
      )[0]?.message,
    ).toContain('参数“注册资本门槛”的单位为元，与注册资本的单位万元不一致');
    expect(
      codes(
        leaf({ op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>=', right: { param: 'broken' } }),
      ),
    ).toEqual(['badParameter', 'badParameter', 'badParameter']);
    expect(
      codes(
        leaf({ op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>=', right: { param: 'bad name' } }),
      ),
    ).toEqual(['badParameter']);
    const warned = checkRule(
      leaf({ op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>=', right: { param: 'empty' } }),
      BASE_CATALOGUE,
      params,
    );
    expect(warned).toEqual({
      ok: true,
      warnings: [
        {
          code: 'parameterWithoutValues',
          path: '',
          message: '参数“空参数”（empty）没有任何取值，引用它的条件将始终无法判断',
        },
      ],
    });
  });

  it('requires every condition to cite its document and article, inherited or its own', () => {
    const rule: Rule = {
      op: 'all',
      of: [
        { op: 'cmp', left: { var: 'person.healthy' }, cmp: '=', right: true, cite },
        { op: 'all', cite, of: [{ op: 'cmp', left: { var: 'person.healthy' }, cmp: '=', right: true }] },
        { op: 'cmp', left: { var: 'person.healthy' }, cmp: '=', right: true },
      ],
    };
    expect(errorsOf(rule).map((e) => [e.code, e.path, e.message])).toEqual([
      [
        'missingCitation',
        'all[2]',
        '条件“身心健康、无妨碍安全驾驶的疾病”未注明依据：每个条件都须注明文件文号和条款（可由上级条件继承）',
      ],
    ]);
    expect(codes({ ...rule, cite })).toEqual([]);
  });

  it('rejects malformed citations and ids', () => {
    const bad = (c: Citation) =>
      codes({ op: 'cmp', left: { var: 'person.healthy' }, cmp: '=', right: true, cite: c });
    expect(bad({ doc: '', article: 3 })).toEqual(['badCitation']);
    expect(bad({ doc: '聊政字 〔2023〕9号', article: 3 })).toEqual(['badCitation']);
    expect(bad({ doc: '聊政字〔2023〕9号', article: 0 })).toEqual(['badCitation']);
    expect(bad({ doc: '聊政字〔2023〕9号', article: 30, items: [4, 1] })).toEqual(['badCitation']);
    expect(bad({ doc: '聊政字〔2023〕9号', article: 30, paragraph: 1.5 })).toEqual(['badCitation']);
    expect(bad({ doc: '聊政字〔2023〕6号', section: '三、（三）' })).toEqual([]);
    expect(bad({ doc: '聊政字〔2023〕6号' })).toEqual(['badCitation']);
    expect(bad({ doc: '聊政字〔2023〕6号', article: 3, section: '三、' })).toEqual(['badCitation']);
    expect(bad({ doc: '聊政字〔2023〕6号', section: '第三部分' })).toEqual(['badCitation']);
    expect(bad({ doc: '聊政字〔2023〕6号', section: '三、', items: [1] })).toEqual(['badCitation']);
    const twice: Rule = {
      op: 'all',
      cite,
      of: [
        { op: 'cmp', id: 'a', left: { var: 'person.healthy' }, cmp: '=', right: true },
        { op: 'cmp', id: 'a', left: { var: 'person.healthy' }, cmp: '=', right: true },
        { op: 'cmp', id: 'has space', left: { var: 'person.healthy' }, cmp: '=', right: true },
      ],
    };
    expect(codes(twice)).toEqual(['duplicateId', 'badId']);
  });
});
