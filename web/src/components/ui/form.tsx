import './form.css';
import {
  type ChangeEvent,
  useEffect,
  useId,
  useRef,
  type InputHTMLAttributes,
  type ReactNode,
  type RefObject,
  type TextareaHTMLAttributes,
} from 'react';
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

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
};

/** A labelled `<textarea>`, with its hint and error like `TextField`. */
export function TextAreaField({ label, hint, error, ...textarea }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => <textarea className="input" {...textarea} {...control} />}
    </Field>
  );
}

interface SelectFieldProps<T extends string> {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: T;
  /** The values offered, in their order, each with its words. */
  choices: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
}

/** One of a few fixed values (a status, a role): a labelled `<select>`. */
export function SelectField<T extends string>({ name, label, hint, error, value, choices, onChange }: SelectFieldProps<T>) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <select
          className="input"
          name={name}
          value={value}
          // The options are `choices`' values.
          onChange={(event) => onChange(event.target.value as T)}
          {...control}
        >
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

interface CheckboxFieldProps {
  name: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** A yes-or-no choice, the box before its words and the whole line tappable. */
export function CheckboxField({ name, label, checked, onChange }: CheckboxFieldProps) {
  return (
    <label className="checkbox">
      <input type="checkbox" name={name} checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}

interface FieldsetProps {
  legend: ReactNode;
  hint?: ReactNode;
  /** An error about the group as a whole (a choice among radios, too many rows). */
  error?: string;
  className?: string;
  children: ReactNode;
}

/**
 * Controls that go together under a legend (a budget's amount and currency, radios, the rows of a
 * list), with the group's hint and error read with it, as `Field` does for one control.
 */
export function Fieldset({ legend, hint, error, className, children }: FieldsetProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={className ? `fieldset ${className}` : 'fieldset'} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}

/** The members of `D` that hold text. */
type TextKey<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D];

/**
 * Binds a form's controls to its draft. `set('sectors')` is the setter of one member (it calls
 * `onChange` with a new draft); `text('budgetAmount', 'budget_amount')` gives a `TextField` or
 * `TextAreaField` its name (the API's field, so that its errors land there), value, change
 * handler and error.
 */
export function draftFields<D extends object>(draft: D, onChange: (draft: D) => void, errors: FormErrors) {
  const set =
    <K extends keyof D>(key: K) =>
    (value: D[K]) =>
      onChange({ ...draft, [key]: value });
  const text = <K extends TextKey<D>>(key: K, name: string) => ({
    name,
    value: draft[key] as string,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(key)(event.target.value as D[K]),
    error: errors.fields[name],
  });
  return { set, text };
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
