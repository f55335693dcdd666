import { describe, expect, it } from 'vitest';
import { dayNumber } from './dates.ts';
import { deriveFacts } from './derive.ts';
import { flatten } from './flatten.ts';
import { invalidReason, normaliseValue } from './values.ts';
import type { Fact, FactValue, Profile, Source } from './types.ts';
import { BASE_CATALOGUE, BASE_VARIABLES, createCatalogue, type VariableDef } from './variables.ts';

const declared = (value: FactValue, asOf = '2025-01-01'): Fact => ({
  value,
  source: { kind: 'declared' },
  asOf,
});
const person = (facts: Record<string, Fact>): Profile => ({ kind: 'person', facts });
const enterprise = (facts: Record<string, Fact>): Profile => ({ kind: 'enterprise', facts });
// 371502 东昌府区, born 1990-06-01, sequence 001 (odd: 男); check characters computed by GB 11643-1999.
const ID_1990 = '371502199006010011';
const ID_LEAP = '371502200002290023';

describe('variable catalogue', () => {
  it('has the base variables with Chinese labels, units and members', () => {
    expect(BASE_CATALOGUE.get('enterprise.employees')).toMatchObject({
      label: '从业人员',
      type: 'integer',
      unit: '人',
      min: 0,
    });
    expect(BASE_CATALOGUE.get('enterprise.taxCredit')?.values).toEqual(['A', 'B', 'M', 'C', 'D']);
    expect(BASE_CATALOGUE.get('person.records')?.fields?.kind?.values).toContain('醉酒驾驶');
    expect(BASE_CATALOGUE.sinceAlias('years', 'person.birthDate')?.id).toBe('person.age');
    expect(BASE_CATALOGUE.get('enterprise.nothing')).toBeUndefined();
  });

  it('orders derivations so that inputs come first', () => {
    const order = BASE_CATALOGUE.derivedOrder.map((d) => d.id);
    expect(order.indexOf('person.birthDate')).toBeLessThan(order.indexOf('person.age'));
  });

  it('takes item-specific variables on top of the base', () => {
    const patents: VariableDef = {
      id: 'item.patents',
      label: '有效发明专利',
      entity: 'enterprise',
      type: 'integer',
      unit: '项',
      min: 0,
    };
    const catalogue = createCatalogue([...BASE_VARIABLES, patents]);
    expect(catalogue.get('item.patents')?.label).toBe('有效发明专利');
    expect(catalogue.get('person.age')?.unit).toBe('周岁');
  });

  it('rejects malformed definitions', () => {
    const def = (extra: Partial<VariableDef>): VariableDef => ({
      id: 'item.x',
      label: 'x',
      entity: 'person',
      type: 'number',
      ...extra,
    });
    expect(() => createCatalogue([def({ id: 'employees' })])).toThrow('格式不正确');
    expect(() => createCatalogue([def({}), def({})])).toThrow('重复定义');
    expect(() => createCatalogue([def({ type: 'enum' })])).toThrow('须列出取值');
    expect(() => createCatalogue([def({ type: 'list' })])).toThrow('须定义字段');
    expect(() => createCatalogue([def({ min: 5, max: 1 })])).toThrow('下限大于上限');
    expect(() =>
      createCatalogue([def({ derived: { kind: 'since', unit: 'years', from: 'item.none' } })]),
    ).toThrow('未定义的变量 item.none');
    expect(() =>
      createCatalogue([
        def({
          id: 'item.a',
          type: 'integer',
          derived: { kind: 'compute', from: ['item.b'], requires: [], compute: () => 1 },
        }),
        def({
          id: 'item.b',
          type: 'integer',
          derived: { kind: 'compute', from: ['item.a'], requires: [], compute: () => 1 },
        }),
      ]),
    ).toThrow('成环');
  });
});

describe('deriveFacts', () => {
  it('derives birth date and sex from the citizen id, and age as of the evaluation date', () => {
    const facts = deriveFacts(
      person({ 'person.citizenId': declared(ID_1990) }),
      '2025-05-31',
      BASE_CATALOGUE,
    ).facts;
    expect(facts['person.birthDate']).toEqual({
      value: '1990-06-01',
      source: { kind: 'derived', from: ['person.citizenId'] },
      asOf: '2025-05-31',
    });
    expect(facts['person.sex']?.value).toBe('男');
    expect(facts['person.age']).toEqual({
      value: 34,
      source: { kind: 'derived', from: ['person.birthDate'] },
      asOf: '2025-05-31',
    });
    expect(
      deriveFacts(person({ 'person.citizenId': declared(ID_LEAP) }), '2025-02-28', BASE_CATALOGUE).facts[
        'person.age'
      ]?.value,
    ).toBe(25);
  });

  it('derives nothing from missing or invalid inputs', () => {
    expect(deriveFacts(person({}), '2025-01-01', BASE_CATALOGUE).facts).toEqual({});
    const bad = deriveFacts(
      person({ 'person.citizenId': declared('371502199006010012') }),
      '2025-01-01',
      BASE_CATALOGUE,
    );
    expect(Object.keys(bad.facts)).toEqual(['person.citizenId']);
    const badDate = deriveFacts(
      person({ 'person.licensedOn': declared('2023-02-29') }),
      '2025-01-01',
      BASE_CATALOGUE,
    );
    expect(badDate.facts['person.drivingYears']).toBeUndefined();
  });

  it('classifies enterprise scale only when the known indicators settle it (国统字〔2017〕213号)', () => {
    const small = { 'enterprise.industry': declared('C3451'), 'enterprise.employees': declared(8) };
    expect(deriveFacts(enterprise(small), '2025-01-01', BASE_CATALOGUE).facts['enterprise.scale']).toEqual({
      value: '微型',
      source: { kind: 'derived', from: ['enterprise.industry', 'enterprise.employees'] },
      asOf: '2025-01-01',
    });
    // 80 people could be 小型 or 中型 depending on revenue, which is unknown: no guess.
    const unsure = { 'enterprise.industry': declared('C3451'), 'enterprise.employees': declared(80) };
    expect(
      deriveFacts(enterprise(unsure), '2025-01-01', BASE_CATALOGUE).facts['enterprise.scale'],
    ).toBeUndefined();
  });

  it('keeps a valid stated value, replaces an invalid one, and recomputes stale derived facts', () => {
    const stated = deriveFacts(
      person({ 'person.age': declared(40), 'person.birthDate': declared('1990-06-01') }),
      '2025-06-01',
      BASE_CATALOGUE,
    );
    expect(stated.facts['person.age']?.value).toBe(40);
    const invalid = deriveFacts(
      person({ 'person.age': declared('四十'), 'person.birthDate': declared('1990-06-01') }),
      '2025-06-01',
      BASE_CATALOGUE,
    );
    expect(invalid.facts['person.age']?.value).toBe(35);
    const stale: Source = { kind: 'derived', from: ['person.birthDate'] };
    const recomputed = deriveFacts(
      person({
        'person.age': { value: 30, source: stale, asOf: '2020-06-01' },
        'person.birthDate': declared('1990-06-01'),
      }),
      '2025-06-01',
      BASE_CATALOGUE,
    );
    expect(recomputed.facts['person.age']).toMatchObject({ value: 35, asOf: '2025-06-01' });
  });
});

describe('fact values', () => {
  it('refuses values of the wrong type, range or membership, and says why', () => {
    const employees = BASE_CATALOGUE.get('enterprise.employees')!;
    expect(invalidReason(employees, 8)).toBeNull();
    expect(invalidReason(employees, '8人')).toBe('数据格式不符：从业人员（"8人"）');
    expect(invalidReason(employees, 8.5)).not.toBeNull();
    expect(invalidReason(employees, -1)).not.toBeNull();
    expect(invalidReason(BASE_CATALOGUE.get('enterprise.region')!, '371599')).not.toBeNull();
    expect(invalidReason(BASE_CATALOGUE.get('enterprise.qualifications')!, ['高企'])).not.toBeNull();
    expect(normaliseValue(BASE_CATALOGUE.get('enterprise.industry')!, ' c 3451 ')).toBe('C3451');
  });
});

describe('flatten', () => {
  it('gives every profile the catalogue keys in order, with dates as day numbers and invalid values dropped', () => {
    const flat = flatten(
      person({
        'person.citizenId': declared(ID_1990),
        'person.licensedOn': declared('2020-03-01'),
        'person.records': declared([
          { kind: '饮酒驾驶', on: '2024-01-02' },
          { kind: '不存在', on: '2024-02-30' },
        ]),
        'person.healthy': declared('是'),
        'person.age': {
          value: 34,
          source: { kind: 'derived', from: ['person.birthDate'] },
          asOf: '2024-12-31',
        },
      }),
      BASE_CATALOGUE,
    );
    expect(Object.keys(flat)).toEqual(BASE_VARIABLES.map((v) => v.id));
    expect(flat['person.licensedOn']).toBe(dayNumber('2020-03-01'));
    expect(flat['person.birthDate']).toBe(dayNumber('1990-06-01'));
    expect(flat['person.records']).toEqual([
      { kind: '饮酒驾驶', on: dayNumber('2024-01-02') },
      { kind: undefined, on: undefined },
    ]);
    expect(flat['person.healthy']).toBeUndefined();
    // Durations depend on the evaluation date, so the compiled rule computes them; a stale one is dropped.
    expect(flat['person.age']).toBeUndefined();
  });

  it('writes industry codes in canonical form', () => {
    expect(
      flatten(enterprise({ 'enterprise.industry': declared('3451') }), BASE_CATALOGUE)['enterprise.industry'],
    ).toBe('C3451');
  });
});
