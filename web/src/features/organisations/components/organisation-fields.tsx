import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Field, TextField } from '@/components/ui/form';
import { missingFields, type FieldMessages, type FormErrors } from '@/components/ui/form-errors';
import { CodeSelect } from '@/components/ui/code-select';
import type { Organisation, OrganisationKind } from '../api/get-organisations';
import type { NewOrganisation, OrganisationChanges } from '../api/organisation-requests';
import type { OrganisationLabels } from './use-organisation-labels';

/** What the create and edit forms hold, as the controls hold it. */
export interface OrganisationDraft {
  name: string;
  kind: OrganisationKind | '';
  country: string;
  city: string;
  website: string;
  description: string;
}

export const organisationControls = ['name', 'kind', 'country', 'city', 'website', 'description'] as const;

export const emptyDraft: OrganisationDraft = { name: '', kind: '', country: '', city: '', website: '', description: '' };

export function draftOf(organisation: Organisation): OrganisationDraft {
  return {
    name: organisation.name,
    kind: organisation.kind,
    country: organisation.country,
    city: organisation.city ?? '',
    website: organisation.website ?? '',
    description: organisation.description ?? '',
  };
}

const required = ['name', 'kind', 'country'] as const;

/** The failure for the required controls left empty, or `null` when the draft can go. */
export function missingOf(draft: OrganisationDraft) {
  return missingFields(required.filter((name) => !draft[name].trim()));
}

/** The creation body, trimmed, empty optional text as `null`; `null` while `missingOf` fails. */
export function newOrganisationOf(draft: OrganisationDraft): NewOrganisation | null {
  const name = draft.name.trim();
  const { kind, country } = draft;
  if (!name || !kind || !country) return null;
  return { ...changesOf(draft), name, kind, country };
}

/** The PATCH body: every field, empty optional text sent as `null` (cleared). */
export function changesOf(draft: OrganisationDraft): OrganisationChanges {
  return {
    name: draft.name.trim(),
    kind: draft.kind || null,
    country: draft.country || null,
    city: draft.city.trim() || null,
    website: draft.website.trim() || null,
    description: draft.description.trim() || null,
  };
}

/** The organisation forms' wording of the API's length limits. */
export function organisationFieldMessages(t: TFunction): FieldMessages {
  return (error, control) => {
    if (error.code !== 'length') return undefined;
    switch (control) {
      case 'name':
        return t('organisations.nameLength');
      case 'city':
        return t('organisations.cityLength');
      case 'website':
        return t('organisations.websiteLength');
      case 'description':
        return t('organisations.descriptionLength');
      default:
        return undefined;
    }
  };
}

interface OrganisationFieldsProps {
  draft: OrganisationDraft;
  onChange: (draft: OrganisationDraft) => void;
  errors: FormErrors;
  labels: OrganisationLabels;
}

/** The controls shared by the create and edit forms. */
export function OrganisationFields({ draft, onChange, errors, labels }: OrganisationFieldsProps) {
  const { t } = useTranslation();
  const set =
    <K extends keyof OrganisationDraft>(key: K) =>
    (value: OrganisationDraft[K]) =>
      onChange({ ...draft, [key]: value });

  return (
    <>
      <TextField
        name="name"
        label={t('organisations.name')}
        autoComplete="organization"
        maxLength={200}
        required
        value={draft.name}
        onChange={(event) => set('name')(event.target.value)}
        error={errors.fields.name}
      />
      <CodeSelect
        name="kind"
        label={t('organisations.kind')}
        options={labels.kinds}
        value={draft.kind}
        // The options are the API's own kinds.
        onChange={(code) => set('kind')(code as OrganisationKind | '')}
        noneLabel={t('organisations.choose')}
        error={errors.fields.kind}
      />
      <CodeSelect
        name="country"
        label={t('organisations.country')}
        options={labels.countries}
        value={draft.country}
        onChange={set('country')}
        noneLabel={t('organisations.choose')}
        error={errors.fields.country}
      />
      <TextField
        name="city"
        label={t('organisations.city')}
        autoComplete="address-level2"
        maxLength={100}
        value={draft.city}
        onChange={(event) => set('city')(event.target.value)}
        error={errors.fields.city}
      />
      <TextField
        name="website"
        type="url"
        inputMode="url"
        label={t('organisations.website')}
        hint={t('organisations.websiteHint')}
        autoComplete="url"
        spellCheck={false}
        maxLength={300}
        value={draft.website}
        onChange={(event) => set('website')(event.target.value)}
        error={errors.fields.website}
      />
      <Field label={t('organisations.description')} hint={t('organisations.descriptionHint')} error={errors.fields.description}>
        {(control) => (
          <textarea
            className="input"
            name="description"
            rows={6}
            maxLength={5000}
            value={draft.description}
            onChange={(event) => set('description')(event.target.value)}
            {...control}
          />
        )}
      </Field>
    </>
  );
}
