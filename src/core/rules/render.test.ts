import { describe, expect, it } from 'vitest';
import { SCHOOL_BUS_DRIVER_RULE } from './examples.ts';
import { renderCitation, renderRule } from './render.ts';
import type { ParameterDef, Rule } from './types.ts';
import { BASE_CATALOGUE } from './variables.ts';

const params: ParameterDef[] = [
  {
    id: 'minEmployees',
    label: '最低从业人数',
    unit: '人',
    values: [
      { from: '2020-01-01', value: 20 },
      { from: '2026-01-01', value: 10 },
    ],
  },
];
const render = (rule: Rule, asOf?: string) =>
  renderRule(rule, { catalogue: BASE_CATALOGUE, parameters: params, ...(asOf && { asOf }) });

describe('renderRule', () => {
  it.each<[Rule, string]>([
    [
      {
        op: 'all',
        of: [
          { op: 'in', left: { var: 'enterprise.scale' }, values: ['小型', '微型'] },
          { op: 'cmp', left: { yearsSince: 'enterprise.foundedOn' }, cmp: '>=', right: 2 },
        ],
      },
      '企业规模为小型或微型，且成立年限满2年',
    ],
    [{ op: 'between', left: { var: 'person.age' }, min: 25, max: 60 }, '年龄在25周岁以上、不超过60周岁'],
    [{ op: 'cmp', left: { yearsSince: 'person.licensedOn' }, cmp: '>=', right: 3 }, '驾驶经历满3年'],
    [{ op: 'cmp', left: { var: 'person.age' }, cmp: '<', right: 18 }, '年龄不满18周岁'],
    [
      { op: 'cmp', left: { monthsSince: 'enterprise.foundedOn' }, cmp: '<=', right: 6 },
      '距成立日期不超过6个月',
    ],
    [
      {
        op: 'count',
        list: 'person.records',
        where: { op: 'in', field: 'kind', values: ['饮酒驾驶', '醉酒驾驶'] },
        cmp: '=',
        right: 0,
      },
      '无以下任一记录：饮酒驾驶、醉酒驾驶',
    ],
    [
      {
        op: 'count',
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
      },
      '最近36个月内无记满分记录',
    ],
    [
      {
        op: 'count',
        list: 'person.records',
        where: {
          op: 'or',
          of: [
            { op: 'cmp', field: 'on', cmp: '>=', right: '2024-01-01' },
            { op: 'notIn', field: 'kind', values: ['犯罪'] },
          ],
        },
        cmp: '<=',
        right: 2,
      },
      '违法犯罪等记录中发生日期不早于2024年1月1日或记录类型不属于犯罪的记录不超过2条',
    ],
    [{ op: 'within', left: { var: 'enterprise.region' }, code: '371500' }, '注册地在聊城市（371500）范围内'],
    [{ op: 'within', left: { var: 'enterprise.industry' }, code: 'C34' }, '行业属于通用设备制造业（C34）'],
    [
      { op: 'has', left: { var: 'enterprise.qualifications' }, value: '高新技术企业' },
      '企业资质包括高新技术企业',
    ],
    [{ op: 'cmp', left: { var: 'enterprise.dishonest' }, cmp: '=', right: false }, '未被列为失信主体'],
    [
      { op: 'cmp', left: { var: 'enterprise.revenue' }, cmp: '>=', right: 2000 },
      '上年营业收入不低于2000万元',
    ],
    [{ op: 'cmp', left: { var: 'enterprise.employees' }, cmp: '>', right: 300 }, '从业人员多于300人'],
    [
      { op: 'cmp', left: { var: 'enterprise.foundedOn' }, cmp: '<', right: '2020-01-01' },
      '成立日期早于2020年1月1日',
    ],
    [
      { op: 'notIn', left: { var: 'enterprise.scale' }, values: ['大型', '中型'] },
      '企业规模不属于大型、中型',
    ],
    [{ op: 'cmp', left: { var: 'enterprise.taxCredit' }, cmp: '!=', right: 'D' }, '纳税信用级别不为D'],
    [
      {
        op: 'none',
        of: [
          { op: 'cmp', left: { var: 'enterprise.dishonest' }, cmp: '=', right: true },
          { op: 'cmp', left: { var: 'enterprise.taxCredit' }, cmp: '=', right: 'D' },
        ],
      },
      '不存在以下任一情形：被列为失信主体；纳税信用级别为D',
    ],
    [
      {
        op: 'any',
        of: [
          { op: 'has', left: { var: 'enterprise.qualifications' }, value: '高新技术企业' },
          {
            op: 'all',
            of: [
              { op: 'in', left: { var: 'enterprise.scale' }, values: ['小型', '微型'] },
              { op: 'within', left: { var: 'enterprise.region' }, code: '371581' },
            ],
          },
        ],
      },
      '企业资质包括高新技术企业，或（企业规模为小型或微型，且注册地在临清市（371581）范围内）',
    ],
  ])('%j reads as %s', (rule, text) => {
    expect(render(rule)).toBe(text);
  });

  it('shows a parameter by name, or by its value in force on a given date', () => {
    const rule: Rule = {
      op: 'cmp',
      left: { var: 'enterprise.employees' },
      cmp: '>=',
      right: { param: 'minEmployees' },
    };
    expect(render(rule)).toBe('从业人员不少于“最低从业人数”');
    expect(render(rule, '2025-12-31')).toBe('从业人员不少于20人');
    expect(render(rule, '2026-01-01')).toBe('从业人员不少于10人');
  });

  it('reads the school-bus driver conditions in one sentence', () => {
    expect(render(SCHOOL_BUS_DRIVER_RULE)).toBe(
      '准驾车型为A1、A2、A3、B1或B2，驾驶经历满3年，年龄在25周岁以上、不超过60周岁，最近36个月内无记满分记录，' +
        '无致人死亡或重伤事故责任记录，无以下任一记录：饮酒驾驶、醉酒驾驶，最近1年内无客运超员超速等严重违法记录，' +
        '无以下任一记录：犯罪、酗酒、吸毒，且身心健康、无妨碍安全驾驶的疾病',
    );
  });
});

describe('renderCitation', () => {
  it('writes articles, paragraphs and items in Chinese numerals', () => {
    expect(renderCitation({ doc: '聊政字〔2023〕9号', article: 30, items: [1, 4] })).toBe(
      '聊政字〔2023〕9号 第三十条（一）至（四）',
    );
    expect(renderCitation({ doc: '聊政发〔2023〕3号', article: 13 })).toBe('聊政发〔2023〕3号 第十三条');
    expect(renderCitation({ doc: '聊政发〔2023〕3号', article: 24, paragraph: 2, items: [1] })).toBe(
      '聊政发〔2023〕3号 第二十四条第二款（一）',
    );
    expect(renderCitation({ doc: '聊政发〔2023〕3号', article: 105 }, { withDoc: false })).toBe(
      '第一百零五条',
    );
    // A plan without articles is cited by its outline section.
    expect(renderCitation({ doc: '聊政字〔2023〕6号', section: '三、（三）' })).toBe(
      '聊政字〔2023〕6号 三、（三）',
    );
  });
});
