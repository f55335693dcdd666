import { parseCitizenId } from '../codes/citizen-id.ts';
import { classifyScale } from '../codes/enterprise-scale.ts';
import type { FactValue } from './types.ts';

/**
 * The `compute` derivations of the base catalogue. Each receives only known, validated inputs and returns
 * undefined when it cannot tell, so that an unknown input stays unknown.
 *
 * @example computeCitizenSex({ 'person.citizenId': '11010519491231002X' }) === '女'
 */
type Inputs = Readonly<Record<string, FactValue>>;

/** GB 11643-1999: the birth date in a valid citizen id. No `today`: derivation must not depend on the clock. */
export function computeCitizenBirthDate(inputs: Inputs): FactValue | undefined {
  const id = inputs['person.citizenId'];
  if (typeof id !== 'string') return undefined;
  const parsed = parseCitizenId(id);
  return parsed.ok ? parsed.birthDate : undefined;
}

export function computeCitizenSex(inputs: Inputs): FactValue | undefined {
  const id = inputs['person.citizenId'];
  if (typeof id !== 'string') return undefined;
  const parsed = parseCitizenId(id);
  return parsed.ok ? parsed.sex : undefined;
}

/**
 * 大中小微 by 国统字〔2017〕213号. The classifier decides which of employees, revenue and total assets its
 * industry needs; a missing one makes it decline rather than count as zero.
 */
export function computeEnterpriseScale(inputs: Inputs): FactValue | undefined {
  const industry = inputs['enterprise.industry'];
  if (typeof industry !== 'string') return undefined;
  const num = (key: string) => {
    const v = inputs[key];
    return typeof v === 'number' ? v : undefined;
  };
  const result = classifyScale({
    industry,
    employees: num('enterprise.employees'),
    revenue: num('enterprise.revenue'),
    totalAssets: num('enterprise.totalAssets'),
  });
  return result.ok ? result.scale : undefined;
}
