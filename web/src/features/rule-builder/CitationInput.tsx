import { Input } from 'antd';
import { useState } from 'react';
import type { Citation } from '../../../../src/core/rules/types.ts';
import { t } from '../../i18n/index.ts';
import { citationText, parseCitation } from './citation.ts';

/**
 * A citation typed as printed ("聊政字〔2023〕9号 第三十条（一）", or "第三十条（一）" within the group's document).
 * It is read when the field is left; what cannot be read stays in the field, marked, with the parser's reason.
 */
export function CitationInput({
  id,
  value,
  inherited,
  onChange,
  optional = false,
}: {
  id: string;
  value: Citation | undefined;
  inherited: Citation | undefined;
  onChange: (cite: Citation | undefined) => void;
  /** A condition without a citation takes its group's. */
  optional?: boolean;
}) {
  const shown = citationText(value);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState(shown);
  // A citation changed from outside (an accepted suggestion, undo) replaces what is typed.
  if (shown !== last) {
    setLast(shown);
    setText(shown);
    setError(null);
  }
  const commit = () => {
    if (text.trim() === '') {
      setError(optional ? null : t('rules.builder.cite.required'));
      if (optional) onChange(undefined);
      return;
    }
    const r = parseCitation(text, inherited);
    if (!r.ok) return setError(r.error);
    setError(null);
    setText(citationText(r.cite));
    setLast(citationText(r.cite));
    onChange(r.cite);
  };
  return (
    <span className="rb-field rb-cite">
      <label htmlFor={id}>{t('rules.builder.cite')}</label>
      <Input
        id={id}
        value={text}
        placeholder={
          inherited
            ? t('rules.builder.cite.inherited', { cite: citationText(inherited) })
            : '聊政字〔2023〕9号 第三十条（一）'
        }
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onPressEnter={commit}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
