import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Fieldset, TextField } from '@/components/ui/form';
import type { FormErrors } from '@/components/ui/form-errors';
import { CountrySelect } from '@/components/ui/code-select';
import type { CodeOptions } from '@/lib/taxonomies/code-options';

/** A place where a project acts, as its row of the form holds it. */
export interface TerritoryDraft {
  country: string;
  place: string;
}

/** The API takes 20 at the most. */
export const maxTerritories = 20;

/** The controls of `count` rows, named as the API names their fields in its errors. */
export function territoryControls(count: number): string[] {
  return Array.from({ length: count }, (_, index) => [`territories[${index}].country`, `territories[${index}].place`]).flat();
}

/** Whether a row was left empty: it is dropped rather than refused. */
export function isBlankTerritory(territory: TerritoryDraft): boolean {
  return !territory.country && !territory.place.trim();
}

/** The rows half filled in: a place needs its country and a country its place. */
export function missingOfTerritories(territories: readonly TerritoryDraft[]): string[] {
  return territories.flatMap((territory, index) => {
    if (isBlankTerritory(territory)) return [];
    const missing: string[] = [];
    if (!territory.country) missing.push(`territories[${index}].country`);
    if (!territory.place.trim()) missing.push(`territories[${index}].place`);
    return missing;
  });
}

interface TerritoryFieldsProps {
  territories: readonly TerritoryDraft[];
  onChange: (territories: TerritoryDraft[]) => void;
  errors: FormErrors;
  countries: CodeOptions;
}

/**
 * The places where a project acts (a commune, a region within a country): rows of a country and
 * a place, added and removed one at a time. Each row's errors sit beside its own controls.
 */
export function TerritoryFields({ territories, onChange, errors, countries }: TerritoryFieldsProps) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  const add = useRef<HTMLButtonElement>(null);
  // Where the focus goes once a row came or went: the new row's country, or "Add".
  const focusNext = useRef<'last' | 'add' | null>(null);

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'last') list.current?.querySelector<HTMLElement>(':scope > li:last-child select')?.focus();
    if (target === 'add') add.current?.focus();
  }, [territories.length]);

  const setRow = (index: number, row: TerritoryDraft) => onChange(territories.map((old, at) => (at === index ? row : old)));

  return (
    <Fieldset
      legend={t('marketplace.projects.territories')}
      hint={t('marketplace.territories.hint')}
      error={errors.fields.territories}
    >
      {territories.length > 0 && (
        <ol ref={list} className="territory-list">
          {territories.map((territory, index) => {
            const number = index + 1;
            return (
              // Rows have no identity of their own: their place in the list is what the API's errors name.
              <li key={index}>
                <Fieldset legend={t('marketplace.territories.row', { number })}>
                  <CountrySelect
                    name={`territories[${index}].country`}
                    label={t('marketplace.territories.country')}
                    options={countries}
                    value={territory.country}
                    onChange={(country) => setRow(index, { ...territory, country })}
                    error={errors.fields[`territories[${index}].country`]}
                  />
                  <TextField
                    name={`territories[${index}].place`}
                    label={t('marketplace.territories.place')}
                    autoComplete="off"
                    maxLength={100}
                    value={territory.place}
                    onChange={(event) => setRow(index, { ...territory, place: event.target.value })}
                    error={errors.fields[`territories[${index}].place`]}
                  />
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      onChange(territories.filter((_, at) => at !== index));
                      focusNext.current = 'add';
                    }}
                  >
                    {t('marketplace.territories.remove', { number })}
                  </button>
                </Fieldset>
              </li>
            );
          })}
        </ol>
      )}
      {territories.length < maxTerritories && (
        <button
          ref={add}
          type="button"
          className="button button--secondary"
          onClick={() => {
            onChange([...territories, { country: '', place: '' }]);
            focusNext.current = 'last';
          }}
        >
          {t('marketplace.territories.add')}
        </button>
      )}
    </Fieldset>
  );
}
