import type { FactSource, FactValue } from '../../api/client.ts';
import type { Benefit, Outcome, Target, Variable } from '../../api/items.ts';
import { formatDate } from '../../app/format.ts';
import { list, t, type MessageKey } from '../../i18n/index.ts';
import { regionName } from './regions.ts';

export const TARGETS: readonly Target[] = ['enterprise', 'person'];
/** As the server lists them (src/core/items/types.ts): 减免/奖补/权益/资质 as the province platforms group benefits. */
export const ITEM_KINDS = ['减免', '奖补', '权益', '资质', '行政许可', '公共服务'] as const;
export const ITEM_MODES = ['依申请', '即申即享', '免申即享'] as const;

export function targetLabel(target: string): string {
  return target === 'enterprise' || target === 'person' || target === 'both' ? t(`target.${target}`) : target;
}

export const OUTCOME_LABEL: Record<Outcome, MessageKey> = {
  met: 'outcome.met',
  notMet: 'outcome.notMet',
  unknown: 'outcome.unknown',
};

/** The three result lists, in the order they are shown. */
export const RESULT_LISTS = [
  { key: 'met', title: 'results.met' },
  { key: 'maybe', title: 'results.maybe' },
  { key: 'notMet', title: 'results.notMet' },
] as const satisfies readonly { key: string; title: MessageKey }[];

export type VariableIndex = ReadonlyMap<string, Variable>;

/** Where a fact comes from, in words: a department's shared data, the applicant's declaration, a document … */
export function sourceLabel(source: FactSource, variables?: VariableIndex): string {
  switch (source.kind) {
    case 'shared':
      return source.system
        ? t('source.sharedSystem', { department: source.department, system: source.system })
        : t('source.shared', { department: source.department });
    case 'declared':
      return t('source.declared');
    case 'document':
      return t('source.document', { name: source.name });
    case 'derived': {
      const labels = source.from.map((v) => variables?.get(v)?.label).filter((x): x is string => !!x);
      return labels.length > 0 ? t('source.derived', { list: list(labels) }) : t('source.derivedUnknown');
    }
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A fact's value for reading: 是/否, dates as 1980年5月1日, region codes by name, a list of records as its
 * entries, numbers with their unit (the variable's type and unit come from GET /api/variables, when loaded).
 */
export function formatValue(value: FactValue, variable?: Variable): string {
  if (typeof value === 'boolean') return t(value ? 'value.yes' : 'value.no');
  if (typeof value === 'number') {
    return variable?.unit ? t('value.withUnit', { value, unit: variable.unit }) : String(value);
  }
  if (typeof value === 'string') {
    if (variable?.type === 'region' || /^3715\d{2}$/.test(value)) return regionName(value);
    if (ISO_DATE.test(value)) return formatDate(value);
    return value;
  }
  if (value.length === 0) return t(variable?.type === 'list' ? 'value.noRecords' : 'value.none');
  if (value.every((v): v is string => typeof v === 'string')) return list(value);
  const records = (value as Record<string, string | number | boolean>[]).map((r) => {
    const kind = r.kind;
    const on = r.on;
    if (typeof kind === 'string' && typeof on === 'string')
      return t('value.record', { kind, date: formatDate(on) });
    return Object.values(r).map(String).join(' ');
  });
  return t('value.records', { count: records.length, list: list(records) });
}

/** The benefit in a sentence; an unspecified amount says so plainly, never a guess. */
export function benefitText(benefit: Benefit): string {
  switch (benefit.kind) {
    case 'none':
      return benefit.description;
    case 'unspecified':
      return `${benefit.description}。${benefit.note}`;
    case 'fixed':
      return `${benefit.description}：${t('item.benefit.fixed', { amount: benefit.amount, unit: benefit.unit })}`;
    case 'rate':
      return `${benefit.description}：${t('item.benefit.rate', { of: benefit.of, percent: benefit.ratePercent })}${
        benefit.cap !== undefined ? t('item.benefit.cap', { cap: benefit.cap, unit: benefit.unit }) : ''
      }`;
  }
}
