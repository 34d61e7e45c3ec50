import './form.css';
import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorsFrom, noFormErrors, type FieldMessages, type FormErrors } from './form-errors';

/** The attributes that tie a control to its label, hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (control: ControlProps) => ReactNode;
}

/**
 * A labelled control with its hint and error. The error sits between the label and the control,
 * where it is still visible above a phone's keyboard, and is read with the control.
 */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
};

export function TextField({ label, hint, error, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => <input className="input" type="text" {...input} {...control} />}
    </Field>
  );
}

/** The form-wide error, focusable so that it can take the focus when no field is to blame. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" tabIndex={-1} className="notice notice--error" data-form-alert="">
      <p>{message}</p>
    </div>
  );
}

export function SubmitButton({ pending, children, pendingLabel }: { pending: boolean; children: ReactNode; pendingLabel: ReactNode }) {
  return (
    <button type="submit" className="button" disabled={pending} aria-busy={pending || undefined}>
      {pending ? pendingLabel : children}
    </button>
  );
}

/**
 * After each failed submission (`failure` is the error, a new object each time), moves the focus
 * to the first invalid control, or to the form-wide error when no control is to blame, so that
 * keyboard and screen-reader users land on it. Returns the ref for the `<form>`.
 */
export function useFocusFirstError(failure: unknown): RefObject<HTMLFormElement | null> {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const root = form.current;
    if (!root || !failure) return;
    const target =
      root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('[data-form-alert]');
    target?.focus();
  }, [failure]);
  return form;
}

/** The value of a text control of a submitted form. */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * The errors of a form's last failed submission, in the current language; none before. `own`
 * words some field errors the form's way (see `FieldMessages`).
 */
export function useFormErrors(failure: unknown, controls: readonly string[], own?: FieldMessages): FormErrors {
  const { t } = useTranslation();
  return failure ? formErrorsFrom(failure, t, controls, own) : noFormErrors;
}
