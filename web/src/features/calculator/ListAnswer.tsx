import { Button, Input, Radio } from 'antd';
import type { QuestionField } from '../../api/items.ts';
import { t } from '../../i18n/index.ts';
import type { ListRow } from './answers.ts';
import { ChoiceSelect } from './ChoiceSelect.tsx';
import { DateInput } from './DateInput.tsx';

function FieldInput({
  id,
  field,
  value,
  onChange,
}: {
  id: string;
  field: QuestionField;
  value: string | undefined;
  onChange: (v: string) => void;
}) {
  if (field.input === 'date') {
    return <DateInput id={id} value={value} onChange={onChange} enterSubmits={false} />;
  }
  if (field.options) {
    return (
      <ChoiceSelect
        id={id}
        value={value}
        options={field.options.map((o) => ({ value: o, label: o }))}
        onChange={(v) => onChange(v ?? '')}
      />
    );
  }
  return <Input id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} />;
}

/**
 * A list question (违法犯罪等记录: kind and date of each record) as a repeatable row form. "没有以上任何记录"
 * answers with an empty list, which the rules read as "no such record" (unlike an unanswered question).
 */
export function ListAnswer({
  idBase,
  legend,
  fields,
  rows,
  onChange,
  describedBy,
}: {
  idBase: string;
  legend: string;
  fields: QuestionField[];
  /** undefined: not answered yet; []: none; rows: one or more records. */
  rows: ListRow[] | undefined;
  onChange: (rows: ListRow[]) => void;
  describedBy?: string;
}) {
  const some = rows !== undefined && rows.length > 0;
  const setField = (i: number, name: string, value: string) =>
    onChange(rows!.map((r, j) => (j === i ? { ...r, [name]: value } : r)));
  return (
    <fieldset className="answer-fieldset" aria-describedby={describedBy}>
      <legend className="question-text">{legend}</legend>
      <Radio.Group
        className="answer-choices"
        value={rows === undefined ? undefined : some ? 'some' : 'none'}
        onChange={(e) => onChange(e.target.value === 'some' ? [{}] : [])}
        options={[
          { value: 'none', label: t('calc.list.none') },
          { value: 'some', label: t('calc.list.some') },
        ]}
      />
      {some ? (
        <>
          <ol className="list-rows">
            {rows.map((row, i) => (
              <li key={i} className="list-row">
                <fieldset>
                  <legend>{t('calc.list.row', { n: i + 1 })}</legend>
                  <div className="list-row-fields">
                    {fields.map((f) => {
                      const id = `${idBase}-${i}-${f.name}`;
                      return (
                        <div key={f.name} className="answer-field">
                          <label htmlFor={id}>{f.label}</label>
                          <FieldInput
                            id={id}
                            field={f}
                            value={row[f.name]}
                            onChange={(v) => setField(i, f.name, v)}
                          />
                        </div>
                      );
                    })}
                    <Button
                      className="list-row-remove"
                      disabled={rows.length === 1}
                      onClick={() => onChange(rows.filter((_, j) => j !== i))}
                    >
                      {t('calc.list.remove', { n: i + 1 })}
                    </Button>
                  </div>
                </fieldset>
              </li>
            ))}
          </ol>
          <Button onClick={() => onChange([...rows, {}])}>{t('calc.list.add')}</Button>
        </>
      ) : null}
    </fieldset>
  );
}
