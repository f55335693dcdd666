import { describe, expect, it } from 'vitest';
import type { Variable } from '../../api/items.ts';
import { benefitText, formatValue, sourceLabel } from './format.ts';

const variable = (id: string, label: string, type: string, unit: string | null = null): Variable => ({
  id,
  label,
  type,
  unit,
  values: null,
  derived: false,
});

describe('facts and benefits for reading', () => {
  it('names where a fact comes from', () => {
    expect(
      sourceLabel({ kind: 'shared', department: '市公安局交通警察支队', system: '机动车驾驶证管理' }),
    ).toBe('共享数据（市公安局交通警察支队·机动车驾驶证管理）');
    expect(sourceLabel({ kind: 'shared', department: '市公安局' })).toBe('共享数据（市公安局）');
    expect(sourceLabel({ kind: 'declared' })).toBe('本人申报');
    expect(sourceLabel({ kind: 'document', name: '县级以上医疗机构体检证明' })).toBe(
      '证明材料（县级以上医疗机构体检证明）',
    );
    const vars = new Map([['person.birthDate', variable('person.birthDate', '出生日期', 'date')]]);
    expect(sourceLabel({ kind: 'derived', from: ['person.birthDate'] }, vars)).toBe('由出生日期推算');
    expect(sourceLabel({ kind: 'derived', from: ['person.birthDate'] })).toBe('推算得出');
  });

  it('shows values in words: yes/no, dates, regions, records, units', () => {
    expect(formatValue(true)).toBe('是');
    expect(formatValue('2012-07-18')).toBe('2012年7月18日');
    expect(formatValue('371581')).toBe('临清市');
    expect(formatValue(36, variable('person.age', '年龄', 'integer', '周岁'))).toBe('36周岁');
    expect(formatValue([], variable('person.records', '违法犯罪等记录', 'list'))).toBe('无记录');
    expect(formatValue([{ kind: '醉酒驾驶', on: '2025-03-01' }])).toBe('1 条：醉酒驾驶（2025年3月1日）');
    expect(formatValue(['高新技术企业', '规模以上工业企业'])).toBe('高新技术企业、规模以上工业企业');
  });

  it('says plainly when the text sets no amount', () => {
    expect(
      benefitText({
        kind: 'unspecified',
        description: '市级技术改造奖补资金支持',
        note: '原文未规定奖补标准和金额',
      }),
    ).toBe('市级技术改造奖补资金支持。原文未规定奖补标准和金额');
    expect(
      benefitText({
        kind: 'rate',
        description: '设备投资补助',
        ratePercent: 10,
        of: '设备投资额',
        cap: 200,
        unit: '万元',
      }),
    ).toBe('设备投资补助：按设备投资额的 10% 计算，最高 200万元');
  });
});
