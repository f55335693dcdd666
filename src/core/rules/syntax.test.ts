import { describe, expect, it } from 'vitest';
import { SCHOOL_BUS_DRIVER_RULE, SCHOOL_BUS_DRIVER_TEXT } from './examples.ts';
import { parseRule, printRule } from './syntax.ts';
import type { Rule } from './types.ts';

const doc = '聊政字〔2023〕9号';
const parsed = (text: string): Rule => {
  const result = parseRule(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.rule;
};
const errorOf = (text: string) => {
  const result = parseRule(text);
  return result.ok ? null : result.error;
};

describe('rule syntax', () => {
  it('reads the school-bus driver rule, with ids, labels and citations inherited from the group', () => {
    const rule = SCHOOL_BUS_DRIVER_RULE;
    expect(rule).toMatchObject({
      op: 'all',
      id: 'driver',
      label: '校车驾驶人条件',
      cite: { doc, article: 30 },
    });
    if (rule.op !== 'all') throw new Error('expected all');
    expect(rule.of).toHaveLength(9);
    expect(rule.of[0]).toEqual({
      op: 'in',
      id: 'licence',
      label: '准驾车型',
      left: { var: 'person.licenceClass' },
      values: ['A1', 'A2', 'A3', 'B1', 'B2'],
      cite: { doc, article: 30, items: [1] },
    });
    expect(rule.of[3]).toEqual({
      op: 'count',
      id: 'points',
      label: '记满分记录',
      list: 'person.records',
      where: {
        op: 'and',
        of: [
          { op: 'cmp', field: 'kind', cmp: '=', right: '记满分' },
          { op: 'withinLast', field: 'on', amount: 36, unit: 'months' },
        ],
      },
      cmp: '=',
      right: 0,
      cite: { doc, article: 30, items: [2] },
    });
    expect(parsed(printRule(rule))).toEqual(rule);
    expect(printRule(rule)).toBe(SCHOOL_BUS_DRIVER_TEXT.replace(/^\s*#.*\n/gm, ''));
  });

  it('reads every kind of condition and value', () => {
    const rule = parsed(`any @${doc} 第三十条第二款（一）至（四） {
  enterprise.employees >= param(workshop.minEmployees)
  enterprise.revenue between 300 and 2000.5
  enterprise.region within "371500"
  enterprise.qualifications has "高新技术企业"
  enterprise.scale not in ["大型", "中型"]
  monthsSince(enterprise.foundedOn) < 6
  daysSince(enterprise.foundedOn) != -1
  enterprise.dishonest = false
  count(person.records) >= 1e2
  count(person.records where (kind = "犯罪" or kind = "吸毒") and on within 1 year) = 0
}`);
    expect(rule).toEqual({
      op: 'any',
      cite: { doc, article: 30, paragraph: 2, items: [1, 4] },
      of: [
        {
          op: 'cmp',
          left: { var: 'enterprise.employees' },
          cmp: '>=',
          right: { param: 'workshop.minEmployees' },
        },
        { op: 'between', left: { var: 'enterprise.revenue' }, min: 300, max: 2000.5 },
        { op: 'within', left: { var: 'enterprise.region' }, code: '371500' },
        { op: 'has', left: { var: 'enterprise.qualifications' }, value: '高新技术企业' },
        { op: 'notIn', left: { var: 'enterprise.scale' }, values: ['大型', '中型'] },
        { op: 'cmp', left: { monthsSince: 'enterprise.foundedOn' }, cmp: '<', right: 6 },
        { op: 'cmp', left: { daysSince: 'enterprise.foundedOn' }, cmp: '!=', right: -1 },
        { op: 'cmp', left: { var: 'enterprise.dishonest' }, cmp: '=', right: false },
        { op: 'count', list: 'person.records', cmp: '>=', right: 100 },
        {
          op: 'count',
          list: 'person.records',
          where: {
            op: 'and',
            of: [
              {
                op: 'or',
                of: [
                  { op: 'cmp', field: 'kind', cmp: '=', right: '犯罪' },
                  { op: 'cmp', field: 'kind', cmp: '=', right: '吸毒' },
                ],
              },
              { op: 'withinLast', field: 'on', amount: 1, unit: 'years' },
            ],
          },
          cmp: '=',
          right: 0,
        },
      ],
    });
  });

  it('forgives what editors type: ≥, Chinese quotes and colon, digits in citations, lists over lines, comments', () => {
    const rule = parsed(`# 备注
年龄 “年龄条件”： person.age ≥ 25 @聊政字〔2023〕9号 第30条（1）  # 行尾注释
`);
    expect(rule).toEqual({
      op: 'cmp',
      id: '年龄',
      label: '年龄条件',
      left: { var: 'person.age' },
      cmp: '>=',
      right: 25,
      cite: { doc, article: 30, items: [1] },
    });
    expect(parsed('person.licenceClass in [\n  "A1",\n  "B1"\n]')).toEqual({
      op: 'in',
      left: { var: 'person.licenceClass' },
      values: ['A1', 'B1'],
    });
  });

  it('prints citations relative to the enclosing document, and in full when the document differs', () => {
    const rule: Rule = {
      op: 'all',
      cite: { doc, article: 30 },
      of: [
        {
          op: 'cmp',
          left: { var: 'person.healthy' },
          cmp: '=',
          right: true,
          cite: { doc, article: 30, items: [6] },
        },
        {
          op: 'cmp',
          left: { var: 'person.healthy' },
          cmp: '=',
          right: true,
          cite: { doc: '公安部令第162号', article: 65 },
        },
      ],
    };
    expect(printRule(rule)).toBe(
      `all @${doc} 第三十条 {\n  person.healthy = true @第三十条（六）\n  person.healthy = true @公安部令第162号 第六十五条\n}\n`,
    );
    expect(parsed(printRule(rule))).toEqual(rule);
  });

  it('cites plans without articles by their outline section', () => {
    const rule = parsed(`all @聊政字〔2023〕6号 三、 {
  enterprise.revenue >= 2000 @三、(三)1.
}`);
    expect(rule).toEqual({
      op: 'all',
      cite: { doc: '聊政字〔2023〕6号', section: '三、' },
      of: [
        {
          op: 'cmp',
          left: { var: 'enterprise.revenue' },
          cmp: '>=',
          right: 2000,
          cite: { doc: '聊政字〔2023〕6号', section: '三、（三）1.' },
        },
      ],
    });
    expect(printRule(rule)).toBe(
      'all @聊政字〔2023〕6号 三、 {\n  enterprise.revenue >= 2000 @三、（三）1.\n}\n',
    );
  });

  it('names the line and column and says what was expected', () => {
    expect(errorOf('person.age >= ')).toEqual({
      line: 1,
      column: 15,
      message: '第1行第15列：应为数值、带引号的文本、true、false 或 param(…)，实际为文件末尾',
    });
    expect(errorOf('all @聊政字〔2023〕9号 第三十条 {\n  person.age >= 3 还有\n}')?.message).toBe(
      '第2行第19列：应为行尾（每行只写一个条件），实际为“还有”',
    );
    expect(errorOf('all {\n  person.age >= 1\n')?.message).toBe(
      '第3行第1列：应为“}”（all 组未闭合），实际为文件末尾',
    );
    expect(errorOf('person.age is 3')?.message).toBe(
      '第1行第12列：应为比较运算符（=、!=、<、<=、>、>=），或 between、in、not in、within、has，实际为“is 3”',
    );
    expect(errorOf('all @第三十条 {\n}')?.message).toContain('应为带文号的依据（上级条件没有依据可供继承）');
    expect(errorOf('person.age >= 3 @聊政字〔2023〕9号 三十条')?.message).toContain(
      '应为依据，写作“文号 第N条”',
    );
    expect(
      errorOf('count(person.records where kind = "犯罪" and on within 1 year or kind = "吸毒") = 0')?.message,
    ).toBe('第1行第61列：应为“and”或“)”（and 与 or 混用时请加括号），实际为“or kind = "吸”');
    expect(errorOf('count(person.records where on within 3 decades) = 0')?.message).toContain(
      '应为时间单位 years、months 或 days',
    );
    expect(errorOf('person.name = "未闭合')?.message).toContain('应为与 " 配对的 "');
    expect(errorOf('person.age >= 1\nperson.age <= 2')?.message).toContain('一段文本只能有一个顶层条件');
    expect(errorOf('')?.message).toBe('第1行第1列：应为一个条件，实际为文件末尾');
  });
});
