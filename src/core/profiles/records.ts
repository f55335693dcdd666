/**
 * Turns flat profile records (as shared data arrives: one row per enterprise or person) into profiles whose
 * every fact says where it came from and as of when (电子画像, 聊政办字〔2023〕13号). The departments named are
 * the ones that hold each kind of data in a 聊城 deployment; the sample records in data/profiles are fictional.
 *
 * @example
 * const r = enterpriseFromRecord({ uscc: '91371581700353173Y', name: '…', region: '371581', …, asOf: '2026-10-31' });
 * r.ok && r.profile.facts['enterprise.employees'].source; // { kind: 'shared', department: '市人力资源和社会保障局', … }
 */
import { parseCitizenId } from '../codes/citizen-id.ts';
import { parseUscc } from '../codes/uscc.ts';
import type { Fact, FactValue, Profile, Source } from '../rules/types.ts';

export type RecordValue = FactValue | null | undefined;
export type FlatRecord = Record<string, unknown>;

export interface RecordError {
  /** The record's field, e.g. "uscc". */
  field: string;
  message: string;
}

export type RecordResult = { ok: true; profile: Profile } | { ok: false; errors: RecordError[] };

const shared = (department: string, system: string): Source => ({ kind: 'shared', department, system });

/** Which department's system each enterprise field comes from, and which variable it fills. */
const ENTERPRISE_FIELDS: Record<string, { variable: string; source: Source }> = {
  uscc: { variable: 'enterprise.uscc', source: shared('市市场监督管理局', '企业登记注册系统') },
  name: { variable: 'enterprise.name', source: shared('市市场监督管理局', '企业登记注册系统') },
  region: { variable: 'enterprise.region', source: shared('市市场监督管理局', '企业登记注册系统') },
  industry: { variable: 'enterprise.industry', source: shared('市统计局', '名录库') },
  foundedOn: { variable: 'enterprise.foundedOn', source: shared('市市场监督管理局', '企业登记注册系统') },
  registeredCapital: {
    variable: 'enterprise.registeredCapital',
    source: shared('市市场监督管理局', '企业登记注册系统'),
  },
  employees: {
    variable: 'enterprise.employees',
    source: shared('市人力资源和社会保障局', '社会保险参保登记'),
  },
  revenue: { variable: 'enterprise.revenue', source: shared('市税务局', '财务报表报送') },
  totalAssets: { variable: 'enterprise.totalAssets', source: shared('市税务局', '财务报表报送') },
  taxCredit: { variable: 'enterprise.taxCredit', source: shared('市税务局', '纳税信用评价') },
  qualifications: {
    variable: 'enterprise.qualifications',
    source: shared('市工业和信息化局', '企业资质认定名单'),
  },
  dishonest: { variable: 'enterprise.dishonest', source: shared('市发展和改革委员会', '信用聊城') },
};

const PERSON_FIELDS: Record<string, { variable: string; source: Source }> = {
  citizenId: { variable: 'person.citizenId', source: shared('市公安局', '人口信息系统') },
  name: { variable: 'person.name', source: shared('市公安局', '人口信息系统') },
  householdRegion: { variable: 'person.householdRegion', source: shared('市公安局', '人口信息系统') },
  education: { variable: 'person.education', source: shared('市教育和体育局', '学历信息') },
  employment: { variable: 'person.employment', source: shared('市人力资源和社会保障局', '就业登记') },
  licenceClass: {
    variable: 'person.licenceClass',
    source: shared('市公安局交通警察支队', '机动车驾驶证管理'),
  },
  licensedOn: { variable: 'person.licensedOn', source: shared('市公安局交通警察支队', '机动车驾驶证管理') },
  records: { variable: 'person.records', source: shared('市公安局', '违法犯罪记录查询') },
  healthy: { variable: 'person.healthy', source: { kind: 'document', name: '县级以上医疗机构体检证明' } },
};

/** Fields of a record that are not facts. */
const BOOKKEEPING = new Set(['asOf', 'missing', 'extra']);

/**
 * Who vouches for a record: the departments' shared data (a record that came from their systems), or the
 * person at the keyboard (a record typed into a form, which is 本人申报 however official its fields look).
 */
export type RecordOrigin = 'shared' | 'declared';

function toFacts(
  record: FlatRecord,
  fields: Record<string, { variable: string; source: Source }>,
  errors: RecordError[],
  origin: RecordOrigin,
): Record<string, Fact> {
  const asOf = record.asOf;
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    errors.push({ field: 'asOf', message: '数据日期 asOf 应为 YYYY-MM-DD' });
    return {};
  }
  const facts: Record<string, Fact> = {};
  for (const [field, raw] of Object.entries(record)) {
    if (BOOKKEEPING.has(field) || raw === null || raw === undefined) continue;
    const map = fields[field];
    if (!map) {
      errors.push({ field, message: `未知字段“${field}”` });
      continue;
    }
    facts[map.variable] = {
      value: raw as FactValue,
      source: origin === 'shared' ? map.source : { kind: 'declared' },
      asOf,
    };
  }
  // Item-specific facts: { "enterprise.grainStorageOwned": { value, source? } } or a bare value (self-declared).
  const extra = record.extra;
  if (extra !== undefined) {
    if (extra === null || typeof extra !== 'object' || Array.isArray(extra)) {
      errors.push({ field: 'extra', message: 'extra 应为“变量名 → 值”的对象' });
    } else {
      for (const [variable, v] of Object.entries(extra as Record<string, unknown>)) {
        const withSource = v !== null && typeof v === 'object' && !Array.isArray(v) && 'value' in v;
        facts[variable] = withSource
          ? {
              value: (v as { value: FactValue }).value,
              source: (v as { source?: Source }).source ?? { kind: 'declared' },
              asOf,
            }
          : { value: v as FactValue, source: { kind: 'declared' }, asOf };
      }
    }
  }
  return facts;
}

/**
 * A record keyed by its subject's id (USCC or citizen id): the id is checked and written in its canonical form,
 * and a bad or missing one refuses the record, naming the field.
 */
function fromRecord(
  kind: Profile['kind'],
  record: FlatRecord,
  key: {
    field: string;
    missing: string;
    parse: (raw: string) => { ok: true; id: string } | { ok: false; error: string };
  },
  fields: Record<string, { variable: string; source: Source }>,
  origin: RecordOrigin,
): RecordResult {
  const errors: RecordError[] = [];
  const raw = record[key.field];
  const id = typeof raw === 'string' ? key.parse(raw) : null;
  if (!id) errors.push({ field: key.field, message: key.missing });
  else if (!id.ok) errors.push({ field: key.field, message: id.error });
  const facts = toFacts({ ...record, ...(id?.ok ? { [key.field]: id.id } : {}) }, fields, errors, origin);
  if (errors.length > 0 || !id?.ok) return { ok: false, errors };
  return { ok: true, profile: { kind, id: id.id, facts } };
}

/** An enterprise record; refuses a bad USCC, naming the field. */
export function enterpriseFromRecord(record: FlatRecord, origin: RecordOrigin = 'shared'): RecordResult {
  const parse = (raw: string) => {
    const r = parseUscc(raw);
    return r.ok ? { ok: true as const, id: r.code } : r;
  };
  return fromRecord(
    'enterprise',
    record,
    { field: 'uscc', missing: '缺少统一社会信用代码', parse },
    ENTERPRISE_FIELDS,
    origin,
  );
}

/** A person record; refuses a bad citizen id, naming the field. */
export function personFromRecord(
  record: FlatRecord,
  today?: string,
  origin: RecordOrigin = 'shared',
): RecordResult {
  const parse = (raw: string) => parseCitizenId(raw, today);
  return fromRecord(
    'person',
    record,
    { field: 'citizenId', missing: '缺少公民身份号码', parse },
    PERSON_FIELDS,
    origin,
  );
}
