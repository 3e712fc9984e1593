// One labelled form control: the label tied to it, the required asterisk, a hint, and the API's inline errors for its path.
import { useId, type ReactNode } from 'react';

/** What a control needs to be tied to its label, hint and errors. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
}

export interface FieldProps {
  label: string;
  required?: boolean;
  hint?: ReactNode;
  errors?: string[];
  /** Renders the control with the props that tie it to the label and messages. */
  children: (control: ControlProps) => ReactNode;
  className?: string;
}

export function Field({ label, required = false, hint, errors = [], children, className }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint === undefined ? undefined : hintId, errors.length === 0 ? undefined : errorId].filter(Boolean).join(' ');
  return (
    <div className={className === undefined ? 'field' : `field ${className}`}>
      {/* The asterisk sits beside the label, not in it: the label's text stays exactly the document's word. */}
      <span className="field-label">
        <label htmlFor={id}>{label}</label>
        {required ? <span className="required" aria-hidden="true">*</span> : null}
      </span>
      {children({ id, 'aria-invalid': errors.length > 0, ...(describedBy === '' ? {} : { 'aria-describedby': describedBy }), ...(required ? { 'aria-required': true } : {}) })}
      {hint === undefined ? null : <span className="hint" id={hintId}>{hint}</span>}
      {errors.length === 0 ? null : (
        <p className="error" id={errorId}>
          {errors.map((message) => `${label} ${message}`).join('; ')}
        </p>
      )}
    </div>
  );
}
