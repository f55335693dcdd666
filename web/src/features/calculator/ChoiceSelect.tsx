import { t } from '../../i18n/index.ts';

/**
 * A choice among a few values as the browser's own <select>: typing the first letters picks an option, arrow
 * keys move, a phone opens its own picker, and assistive technology knows it without help. (antd's Select leaves
 * its listbox without a name and renders it outside the page's landmarks.)
 */
export function ChoiceSelect<V extends string | number>({
  id,
  value,
  options,
  onChange,
  placeholder = t('calc.choose'),
  allowEmpty = false,
  describedBy,
  invalid,
}: {
  id: string;
  value: V | undefined;
  options: readonly { value: V; label: string }[];
  onChange: (value: V | undefined) => void;
  placeholder?: string;
  /** Whether the placeholder can be chosen again (an optional field). */
  allowEmpty?: boolean;
  describedBy?: string;
  invalid?: boolean;
}) {
  const index = options.findIndex((o) => o.value === value);
  return (
    <select
      id={id}
      className={invalid ? 'choice-select choice-select-invalid' : 'choice-select'}
      value={index >= 0 ? String(index) : ''}
      onChange={(e) => onChange(e.target.value === '' ? undefined : options[Number(e.target.value)]?.value)}
      aria-describedby={describedBy || undefined}
      aria-invalid={invalid || undefined}
    >
      <option value="" disabled={!allowEmpty}>
        {placeholder}
      </option>
      {options.map((o, i) => (
        <option key={String(o.value)} value={String(i)}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
