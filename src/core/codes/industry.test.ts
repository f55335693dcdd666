import { describe, expect, it } from 'vitest';
import {
  type IndustryLevel,
  industriesWithin,
  industryByCode,
  industryPath,
  isWithinIndustry,
  normalizeIndustryCode,
  sectionOfDivision,
} from './industry.ts';

const SECTIONS = 'ABCDEFGHIJKLMNOPQRST'.split('');
const LEVELS: IndustryLevel[] = ['section', 'division', 'group', 'class'];

describe('GB/T 4754-2017 industries', () => {
  it('has the numbers of the standard (附录A: 20 门类, 97 大类, 473 中类, 1381 小类)', () => {
    const sections = SECTIONS.map((s) => industryByCode(s)!);
    const below = SECTIONS.flatMap((s) => industriesWithin(s));
    const count = (level: IndustryLevel) => [...sections, ...below].filter((i) => i.level === level).length;
    expect(LEVELS.map(count)).toEqual([20, 97, 473, 1381]);
    // 附录A per section, e.g. C 制造业: 31 大类, 179 中类, 609 小类; F 批发和零售业: 2, 18, 128.
    const perSection = (s: string) => LEVELS.slice(1).map((l) => industriesWithin(s, l).length);
    expect(perSection('C')).toEqual([31, 179, 609]);
    expect(perSection('F')).toEqual([2, 18, 128]);
    expect(perSection('T')).toEqual([1, 1, 1]);
  });

  it('names the twenty sections', () => {
    expect(SECTIONS.map((s) => industryByCode(s)?.name)).toEqual([
      '农、林、牧、渔业',
      '采矿业',
      '制造业',
      '电力、热力、燃气及水生产和供应业',
      '建筑业',
      '批发和零售业',
      '交通运输、仓储和邮政业',
      '住宿和餐饮业',
      '信息传输、软件和信息技术服务业',
      '金融业',
      '房地产业',
      '租赁和商务服务业',
      '科学研究和技术服务业',
      '水利、环境和公共设施管理业',
      '居民服务、修理和其他服务业',
      '教育',
      '卫生和社会工作',
      '文化、体育和娱乐业',
      '公共管理、社会保障和社会组织',
      '国际组织',
    ]);
  });

  it('knows the entries the 聊城 profiles use', () => {
    expect(industryByCode('C3451')).toEqual({
      code: 'C3451',
      name: '滚动轴承制造',
      level: 'class',
      parent: 'C345',
    });
    expect(industryByCode('C345')).toEqual({
      code: 'C345',
      name: '轴承、齿轮和传动部件制造',
      level: 'group',
      parent: 'C34',
    });
    expect(industryByCode('C34')).toEqual({
      code: 'C34',
      name: '通用设备制造业',
      level: 'division',
      parent: 'C',
    });
    expect(industryByCode('C')).toEqual({ code: 'C', name: '制造业', level: 'section', parent: null });
    expect(
      ['C3452', 'C1311', 'C1711', 'C2614', 'G595', 'G5951', 'I6513', 'F5121', 'F5211', 'C3670'].map(
        (c) => industryByCode(c)?.name,
      ),
    ).toEqual([
      '滑动轴承制造',
      '稻谷加工',
      '棉纺纱加工',
      '有机化学原料制造',
      '谷物、棉花等农产品仓储',
      '谷物仓储',
      '应用软件开发',
      '米、面制品及食用油批发',
      '百货零售',
      '汽车零部件及配件制造',
    ]);
    // A 中类 with a single 小类 has both codes (1340 under 134), as the standard prints them on one row.
    expect(industryByCode('C1340')?.parent).toBe('C134');
    expect(industryByCode('C134')?.name).toBe('制糖业');
  });

  it('normalizes codes with or without the section letter', () => {
    expect(normalizeIndustryCode('3451')).toBe('C3451');
    expect(normalizeIndustryCode('C3451')).toBe('C3451');
    expect(normalizeIndustryCode(' c 3451 ')).toBe('C3451');
    expect(normalizeIndustryCode('65')).toBe('I65');
    expect(normalizeIndustryCode('0111')).toBe('A0111');
    expect(normalizeIndustryCode('t')).toBe('T');
    expect(normalizeIndustryCode('A3451')).toBeNull(); // 34 is in C, not A
    expect(normalizeIndustryCode('3450')).toBeNull(); // no such class: 345 has 3451-3453 and 3459
    expect(normalizeIndustryCode('98')).toBeNull();
    expect(normalizeIndustryCode('U')).toBeNull();
    expect(normalizeIndustryCode('')).toBeNull();
    expect(normalizeIndustryCode('C34511')).toBeNull();
    expect(industryByCode('nonsense')).toBeNull();
  });

  it('maps each division to its section, across the standard’s numbering', () => {
    const cases: [string, string][] = [
      ['01', 'A'],
      ['05', 'A'],
      ['06', 'B'],
      ['12', 'B'],
      ['13', 'C'],
      ['43', 'C'],
      ['44', 'D'],
      ['47', 'E'],
      ['51', 'F'],
      ['52', 'F'],
      ['53', 'G'],
      ['60', 'G'],
      ['61', 'H'],
      ['65', 'I'],
      ['66', 'J'],
      ['70', 'K'],
      ['72', 'L'],
      ['75', 'M'],
      ['79', 'N'],
      ['82', 'O'],
      ['83', 'P'],
      ['85', 'Q'],
      ['90', 'R'],
      ['96', 'S'],
      ['97', 'T'],
    ];
    expect(cases.map(([d]) => sectionOfDivision(d))).toEqual(cases.map(([, s]) => s));
    expect(sectionOfDivision('C34')).toBe('C');
    expect(sectionOfDivision('345')).toBeNull(); // a group, not a division
    expect(sectionOfDivision('98')).toBeNull();
  });

  it('walks the path from section to class', () => {
    expect(industryPath('3451').map((i) => `${i.code} ${i.name}`)).toEqual([
      'C 制造业',
      'C34 通用设备制造业',
      'C345 轴承、齿轮和传动部件制造',
      'C3451 滚动轴承制造',
    ]);
    expect(industryPath('G').map((i) => i.code)).toEqual(['G']);
    expect(industryPath('X9999')).toEqual([]);
  });

  it('tells whether a code lies within another', () => {
    for (const ancestor of ['C3451', 'C345', 'C34', 'C', '34', '3451'])
      expect(isWithinIndustry('C3451', ancestor)).toBe(true);
    expect(isWithinIndustry('C3451', 'C3452')).toBe(false);
    expect(isWithinIndustry('C3451', 'C35')).toBe(false);
    expect(isWithinIndustry('C34', 'C3451')).toBe(false); // an ancestor is not within its descendant
    expect(isWithinIndustry('C3451', 'B')).toBe(false);
    expect(isWithinIndustry('C3451', 'nonsense')).toBe(false);
    expect(isWithinIndustry('nonsense', 'C')).toBe(false);
  });

  it('lists what lies within a code', () => {
    expect(industriesWithin('C345').map((i) => i.code)).toEqual(['C3451', 'C3452', 'C3453', 'C3459']);
    expect(industriesWithin('G59', 'group').map((i) => i.name)).toEqual([
      '装卸搬运',
      '通用仓储',
      '低温仓储',
      '危险品仓储',
      '谷物、棉花等农产品仓储',
      '中药材仓储',
      '其他仓储业',
    ]);
    expect(industriesWithin('C3451')).toEqual([]);
    expect(industriesWithin('nonsense')).toEqual([]);
  });
});
