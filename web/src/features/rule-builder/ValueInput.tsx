import { Input, InputNumber } from 'antd';
import type { Literal } from '../../../../src/core/rules/types.ts';
import type { VariableDef } from '../../../../src/core/rules/variables.ts';
import { t } from '../../i18n/index.ts';
import { ChoiceSelect } from '../calculator/ChoiceSelect.tsx';

/** One value of a variable's type: a number, a date, 是/否, or one of its listed values. */
export function ValueInput({
  id,
  label,
  def,
  type = def.type,
  value,
  onChange,
}: {
  id: string;
  label: string;
  def: VariableDef;
  /** The operand's type where it is not the variable's (integer for whole years since a date). */
  type?: VariableDef['type'];
  value: Literal;
  onChange: (v: Literal) => void;
}) {
  let input;
  if (type === 'boolean')
    input = (
      <ChoiceSelect
        id={id}
        value={value === true ? 'true' : value === false ? 'false' : undefined}
        options={[
          { value: 'true', label: t('rules.builder.yes') },
          { value: 'false', label: t('rules.builder.no') },
        ]}
        onChange={(v) => onChange(v === 'true')}
      />
    );
  else if ((type === 'enum' || type === 'set') && def.values)
    input = (
      <ChoiceSelect
        id={id}
        value={typeof value === 'string' ? value : undefined}
        options={def.values.map((v) => ({ value: v, label: v }))}
        onChange={(v) => onChange(v ?? '')}
      />
    );
  else if (type === 'number' || type === 'integer')
    input = (
      <InputNumber
        id={id}
        value={typeof value === 'number' ? value : null}
        min={def.min}
        max={def.max}
        step={type === 'integer' ? 1 : undefined}
        precision={type === 'integer' ? 0 : undefined}
        onChange={(v) => onChange(typeof v === 'number' ? v : 0)}
      />
    );
  else
    input = (
      <Input
        id={id}
        type={type === 'date' ? 'date' : 'text'}
        value={String(value)}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  return (
    <span className="rb-field">
      <label htmlFor={id}>
        {label}
        {def.unit && type !== 'date' ? `（${def.unit}）` : ''}
      </label>
      {input}
    </span>
  );
}

/** Several values of an enumeration, as checkboxes (准驾车型: A1、A2、A3、B1). */
export function ValuesInput({
  id,
  label,
  options,
  values,
  onChange,
}: {
  id: string;
  label: string;
  options: readonly string[];
  values: readonly Literal[];
  onChange: (v: string[]) => void;
}) {
  return (
    <fieldset className="rb-field rb-values" id={id}>
      <legend>{label}</legend>
      {options.map((o) => (
        <label key={o} className="rb-check">
          <input
            type="checkbox"
            checked={values.includes(o)}
            onChange={(e) =>
              onChange(
                e.target.checked
                  ? options.filter((x) => x === o || values.includes(x))
                  : values.filter((x) => x !== o).map(String),
              )
            }
          />
          {o}
        </label>
      ))}
    </fieldset>
  );
}
