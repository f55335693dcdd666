import type { ReactNode } from 'react';

export interface FieldControl {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A labelled form field with its problems beside it: the control gets the id, aria-invalid and the
 * description that names what is wrong, so a screen reader hears the problem with the field.
 */
export function Field({
  id,
  label,
  errors = [],
  hint,
  className,
  children,
}: {
  id: string;
  label: string;
  errors?: readonly string[];
  hint?: string;
  className?: string;
  children: (control: FieldControl) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={['ie-field', errors.length ? 'ie-field-invalid' : null, className].filter(Boolean).join(' ')}
    >
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(errors.length > 0 && { 'aria-invalid': true as const }),
        ...(described && { 'aria-describedby': described }),
      })}
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p id={`${id}-error`} className="field-error">
          {errors.join('；')}
        </p>
      ) : null}
    </div>
  );
}
