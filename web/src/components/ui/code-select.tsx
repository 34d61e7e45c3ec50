import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/ui/form';
import type { Choice, CodeOptions } from '@/lib/taxonomies/code-options';

function labelsByCode(options: CodeOptions): Map<string, string> {
  const terms = options.kind === 'flat' ? options.terms : options.groups.flatMap((group) => group.terms);
  return new Map(terms.map((term) => [term.code, term.label]));
}

function Options({ options, showCodes }: { options: CodeOptions; showCodes: boolean }) {
  const option = (term: Choice) => {
    const text = term.option ?? term.label;
    return (
      <option key={term.code} value={term.code}>
        {showCodes ? `${term.code} ${text}` : text}
      </option>
    );
  };
  if (options.kind === 'flat') return options.terms.map(option);
  return options.groups.map((group) => (
    <optgroup key={group.label} label={group.label}>
      {group.terms.map(option)}
    </optgroup>
  ));
}

interface CodeSelectProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: CodeOptions;
  value: string;
  onChange: (code: string) => void;
  /** The label of the empty choice, which clears the value. */
  noneLabel: string;
}

/** One code from a taxonomy, or none. */
export function CodeSelect({ name, label, hint, error, options, value, onChange, noneLabel }: CodeSelectProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <select className="input" name={name} value={value} onChange={(event) => onChange(event.target.value)} {...control}>
          <option value="">{noneLabel}</option>
          <Options options={options} showCodes={false} />
        </select>
      )}
    </Field>
  );
}

interface CodeMultiSelectProps {
  name: string;
  label: string;
  error?: string;
  options: CodeOptions;
  value: readonly string[];
  onChange: (codes: string[]) => void;
  showCodes?: boolean;
}

/**
 * Several codes from a taxonomy: a native multiple select (a checklist dialog on phones), with
 * the chosen ones listed below it, each removable, since a click without Ctrl on a computer
 * silently drops the others.
 */
export function CodeMultiSelect({ name, label, error, options, value, onChange, showCodes = false }: CodeMultiSelectProps) {
  const { t } = useTranslation();
  const labels = labelsByCode(options);
  const labelOf = (code: string) => labels.get(code) ?? code;
  return (
    <Field label={label} hint={t('form.multiSelectHint')} error={error}>
      {(control) => (
        <>
          <select
            className="input input--multiple"
            name={name}
            multiple
            size={6}
            value={[...value]}
            onChange={(event) => onChange(Array.from(event.target.selectedOptions, (option) => option.value))}
            {...control}
          >
            <Options options={options} showCodes={showCodes} />
          </select>
          <p className="chosen-summary" aria-live="polite">
            {t('form.chosen', { count: value.length })}
          </p>
          {value.length > 0 && (
            <ul className="chips" aria-label={t('form.chosenList', { label })}>
              {value.map((code) => (
                <li key={code}>
                  <span>{showCodes ? `${code} ${labelOf(code)}` : labelOf(code)}</span>
                  <button
                    type="button"
                    className="chip__remove"
                    aria-label={t('form.remove', { label: labelOf(code) })}
                    onClick={() => onChange(value.filter((chosen) => chosen !== code))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Field>
  );
}

type SectorPickerProps = Omit<CodeMultiSelectProps, 'name' | 'showCodes'>;

/**
 * The DAC sectors an item is about (`sectors`), with their codes, which people in development
 * work know by heart.
 */
export function SectorPicker(props: SectorPickerProps) {
  return <CodeMultiSelect name="sectors" showCodes {...props} />;
}

type CountrySelectProps = Omit<CodeSelectProps, 'name' | 'noneLabel'> & {
  /** `country` unless the form has several (`territories[0].country`). */
  name?: string;
  noneLabel?: string;
};

/** One country, "Choose…" until one is chosen. */
export function CountrySelect({ name = 'country', noneLabel, ...props }: CountrySelectProps) {
  const { t } = useTranslation();
  return <CodeSelect name={name} noneLabel={noneLabel ?? t('form.choose')} {...props} />;
}
