import { Input, InputNumber } from 'antd';
import { renderRule } from '../../../../src/core/rules/render.ts';
import type { Citation, CmpOp, LeafRule, Literal } from '../../../../src/core/rules/types.ts';
import type { Catalogue, VariableDef } from '../../../../src/core/rules/variables.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { ChoiceSelect } from '../calculator/ChoiceSelect.tsx';
import { CitationInput } from './CitationInput.tsx';
import {
  leafFor,
  leafOperator,
  leafVariable,
  operatorsFor,
  readRecordFilter,
  recordFilter,
  withOperator,
  type Operator,
} from './tree.ts';
import { ValueInput, ValuesInput } from './ValueInput.tsx';

export const OPERATOR_LABELS: Record<Operator, MessageKey> = {
  '>=': 'rules.builder.op.gte',
  '>': 'rules.builder.op.gt',
  '<=': 'rules.builder.op.lte',
  '<': 'rules.builder.op.lt',
  '=': 'rules.builder.op.eq',
  '!=': 'rules.builder.op.ne',
  between: 'rules.builder.op.between',
  in: 'rules.builder.op.in',
  notIn: 'rules.builder.op.notIn',
  has: 'rules.builder.op.has',
  within: 'rules.builder.op.within',
  count: 'rules.builder.op.count',
};
const CMPS: CmpOp[] = ['=', '>=', '>', '<=', '<', '!='];

/** The condition in Chinese as applicants will read it; a condition the checker refuses may not render. */
export function reading(rule: LeafRule, catalogue: Catalogue): string | null {
  try {
    return renderRule(rule, { catalogue });
  } catch {
    return null;
  }
}

interface Props {
  rule: LeafRule;
  nodeKey: string;
  /** 1-based position among its siblings, for names like 上移条件3. */
  number: string;
  catalogue: Catalogue;
  variables: readonly VariableDef[];
  inheritedCite: Citation | undefined;
  problems: string[];
  onChange: (rule: LeafRule) => void;
}

/** One condition: its variable, operator and value(s) typed by the variable, its id, name and citation. */
export function ConditionEditor({
  rule,
  nodeKey,
  number,
  catalogue,
  variables,
  inheritedCite,
  problems,
  onChange,
}: Props) {
  const id = (part: string) => `${nodeKey}-${part}`;
  const variable = leafVariable(rule);
  const def = catalogue.get(variable);
  const op = leafOperator(rule);
  const text = reading(rule, catalogue);
  const meta = { id: rule.id, label: rule.label, cite: rule.cite };
  const set = <K extends keyof LeafRule>(patch: Partial<Record<K, unknown>>) =>
    onChange({ ...rule, ...patch });

  return (
    <div className="rb-condition-body">
      <div className="rb-row">
        <span className="rb-field">
          <label htmlFor={id('variable')}>{t('rules.builder.variable')}</label>
          <ChoiceSelect
            id={id('variable')}
            value={def ? variable : undefined}
            options={variables.map((v) => ({ value: v.id, label: v.label }))}
            onChange={(v) => {
              const next = v && catalogue.get(v);
              if (next) onChange(leafFor(next, meta));
            }}
          />
        </span>
        {def ? (
          <span className="rb-field">
            <label htmlFor={id('operator')}>{t('rules.builder.operator')}</label>
            <ChoiceSelect
              id={id('operator')}
              value={op}
              options={operatorsFor(def).map((o) => ({ value: o, label: t(OPERATOR_LABELS[o]) }))}
              onChange={(o) => o && onChange(withOperator(def, o, rule))}
            />
          </span>
        ) : null}
        {def ? <Operands rule={rule} def={def} id={id} catalogue={catalogue} onChange={onChange} /> : null}
      </div>
      <div className="rb-row">
        <span className="rb-field">
          <label htmlFor={id('id')}>{t('rules.builder.id')}</label>
          <Input
            id={id('id')}
            value={rule.id ?? ''}
            onChange={(e) => set({ id: e.target.value || undefined })}
          />
        </span>
        <span className="rb-field">
          <label htmlFor={id('label')}>{t('rules.builder.label')}</label>
          <Input
            id={id('label')}
            value={rule.label ?? ''}
            onChange={(e) => set({ label: e.target.value || undefined })}
          />
        </span>
        <CitationInput
          id={id('cite')}
          value={rule.cite}
          inherited={inheritedCite}
          optional={inheritedCite !== undefined}
          onChange={(cite) => set({ cite })}
        />
      </div>
      <p className="rb-reading" data-testid="condition-reading">
        <span className="visually-hidden">{t('rules.builder.readingOf', { n: number })}</span>
        {text ?? t('rules.builder.unreadable')}
      </p>
      {problems.length > 0 ? (
        <ul className="field-error rb-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The value side of a condition, as its operator needs it. */
function Operands({
  rule,
  def,
  id,
  catalogue,
  onChange,
}: {
  rule: LeafRule;
  def: VariableDef;
  id: (part: string) => string;
  catalogue: Catalogue;
  onChange: (rule: LeafRule) => void;
}) {
  const type = 'left' in rule && !('var' in rule.left) ? 'integer' : def.type;
  const literal = (v: unknown): Literal | null => (typeof v === 'object' ? null : (v as Literal));
  switch (rule.op) {
    case 'cmp': {
      const v = literal(rule.right);
      return v === null ? (
        <span className="rb-field">{t('rules.builder.parameter')}</span>
      ) : (
        <ValueInput
          id={id('value')}
          label={t('rules.builder.value')}
          def={def}
          type={type}
          value={v}
          onChange={(right) => onChange({ ...rule, right })}
        />
      );
    }
    case 'between': {
      const [min, max] = [literal(rule.min), literal(rule.max)];
      if (min === null || max === null)
        return <span className="rb-field">{t('rules.builder.parameter')}</span>;
      return (
        <>
          <ValueInput
            id={id('min')}
            label={t('rules.builder.min')}
            def={def}
            type={type}
            value={min}
            onChange={(v) => onChange({ ...rule, min: v })}
          />
          <ValueInput
            id={id('max')}
            label={t('rules.builder.max')}
            def={def}
            type={type}
            value={max}
            onChange={(v) => onChange({ ...rule, max: v })}
          />
        </>
      );
    }
    case 'in':
    case 'notIn':
      return def.values ? (
        <ValuesInput
          id={id('values')}
          label={t('rules.builder.values')}
          options={def.values}
          values={rule.values}
          onChange={(values) => onChange({ ...rule, values })}
        />
      ) : (
        <span className="rb-field">
          <label htmlFor={id('values')}>{t('rules.builder.valuesText')}</label>
          <Input
            id={id('values')}
            value={rule.values.join('、')}
            onChange={(e) =>
              onChange({
                ...rule,
                values: e.target.value
                  .split(/[、,，]/)
                  .map((s) => s.trim())
                  .filter(Boolean),
              })
            }
          />
        </span>
      );
    case 'has':
      return (
        <ValueInput
          id={id('value')}
          label={t('rules.builder.value')}
          def={def}
          value={rule.value}
          onChange={(value) => onChange({ ...rule, value })}
        />
      );
    case 'within':
      return (
        <span className="rb-field">
          <label htmlFor={id('code')}>
            {t(def.type === 'region' ? 'rules.builder.regionCode' : 'rules.builder.industryCode')}
          </label>
          <Input
            id={id('code')}
            value={rule.code}
            onChange={(e) => onChange({ ...rule, code: e.target.value.trim() })}
          />
        </span>
      );
    case 'count':
      return <CountOperands rule={rule} def={def} id={id} catalogue={catalogue} onChange={onChange} />;
  }
}

/** "无记满分记录" and the like: how many records of some kinds (within the last months) there may be. */
function CountOperands({
  rule,
  def,
  id,
  catalogue,
  onChange,
}: {
  rule: Extract<LeafRule, { op: 'count' }>;
  def: VariableDef;
  id: (part: string) => string;
  catalogue: Catalogue;
  onChange: (rule: LeafRule) => void;
}) {
  const filter = readRecordFilter(rule.where);
  const kinds = Object.values(def.fields ?? {}).find((f) => f.type === 'enum')?.values ?? [];
  const right = typeof rule.right === 'number' ? rule.right : 0;
  const setFilter = (k: string[], months: number | undefined) => {
    const where = recordFilter(def, k, months);
    const { where: _old, ...rest } = rule;
    onChange(where ? { ...rest, where } : rest);
  };
  return (
    <>
      {filter ? (
        <>
          {kinds.length > 0 ? (
            <ValuesInput
              id={id('kinds')}
              label={t('rules.builder.recordKinds')}
              options={kinds}
              values={filter.kinds}
              onChange={(k) => setFilter(k, filter.withinMonths)}
            />
          ) : null}
          <span className="rb-field">
            <label htmlFor={id('months')}>{t('rules.builder.withinMonths')}</label>
            <InputNumber
              id={id('months')}
              min={1}
              precision={0}
              value={filter.withinMonths ?? null}
              onChange={(v) => setFilter(filter.kinds, typeof v === 'number' && v > 0 ? v : undefined)}
            />
          </span>
        </>
      ) : (
        <span className="rb-field">{reading({ ...rule, cmp: '>=', right: 0 }, catalogue)}</span>
      )}
      <span className="rb-field">
        <label htmlFor={id('count-cmp')}>{t('rules.builder.countCmp')}</label>
        <ChoiceSelect
          id={id('count-cmp')}
          value={rule.cmp}
          options={CMPS.map((c) => ({ value: c, label: t(OPERATOR_LABELS[c]) }))}
          onChange={(c) => c && onChange({ ...rule, cmp: c })}
        />
      </span>
      <span className="rb-field">
        <label htmlFor={id('count')}>{t('rules.builder.count')}</label>
        <InputNumber
          id={id('count')}
          min={0}
          precision={0}
          value={right}
          onChange={(v) => onChange({ ...rule, right: typeof v === 'number' ? v : 0 })}
        />
      </span>
    </>
  );
}
