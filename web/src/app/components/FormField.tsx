import type { ReactNode } from 'react';
import { t } from '../../i18n/index.ts';

/**
 * A labelled form field with an optional hint below the label and its problem below the control (announced as
 * an alert). The control itself is the child; it points at `${id}-hint` and `${id}-error` with aria-describedby.
 */
export function FormField({
  id,
  label,
  hint,
  optional,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  /** Marks the label 选填. */
  optional?: boolean;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'form-field form-field-error' : 'form-field'}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="muted">{t('match.optional')}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="muted form-field-hint">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
