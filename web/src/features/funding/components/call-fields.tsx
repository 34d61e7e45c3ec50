import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CheckboxField, Fieldset, SelectField, TextAreaField, TextField, draftFields } from '@/components/ui/form';
import type { FieldMessages, FormErrors } from '@/components/ui/form-errors';
import type { FundingCall, FundingCallChanges, NewFundingCall, OrganisationKind } from '../api/funding-requests';

/** Every kind of organisation, in the order the form offers them. */
export const APPLICANT_KINDS: readonly OrganisationKind[] = [
  'local_authority',
  'ngo',
  'diaspora_association',
  'company',
  'academic',
  'public_agency',
  'funder',
  'other',
];

/** A call as its form holds it: text as typed, codes as comma-separated lists. */
export interface CallDraft {
  funder: string;
  programmeName: string;
  programmeCode: string;
  title: string;
  description: string;
  currency: string;
  totalBudget: string;
  maxGrant: string;
  maxRate: string;
  applicantKinds: OrganisationKind[];
  countries: string;
  regions: string;
  sectors: string;
  opensOn: string;
  closesOn: string;
  timeZone: string;
  grantsExpected: string;
}

/** The API's fields, in the form's order: where its errors land. */
export const CALL_CONTROLS = [
  'funder_id',
  'programme_name',
  'programme_code',
  'title',
  'description',
  'currency',
  'total_budget',
  'max_grant',
  'max_cofinancing_rate',
  'grants_expected',
  'applicant_kinds',
  'countries',
  'regions',
  'sectors',
  'opens_on',
  'closes_on',
  'time_zone',
] as const;

const text = (value: number | null | undefined) => (value == null ? '' : String(value));

export function callDraftOf(call?: FundingCall): CallDraft {
  return {
    funder: call?.funder.id ?? '',
    programmeName: call?.programme_name ?? '',
    programmeCode: call?.programme_code ?? '',
    title: call?.title ?? '',
    description: call?.description ?? '',
    currency: call?.currency ?? 'EUR',
    totalBudget: text(call?.total_budget),
    maxGrant: text(call?.max_grant),
    maxRate: text(call?.max_cofinancing_rate),
    // The API names kinds with the same codes as the form.
    applicantKinds: (call?.applicant_kinds ?? []) as OrganisationKind[],
    countries: call?.countries.join(', ') ?? '',
    regions: call?.regions.join(', ') ?? '',
    sectors: call?.sectors.join(', ') ?? '',
    opensOn: call?.opens_on ?? '',
    closesOn: call?.closes_on ?? '',
    timeZone: call?.time_zone ?? 'Europe/Paris',
    grantsExpected: text(call?.grants_expected),
  };
}

/** Codes typed with commas or spaces between them. */
function codes(typed: string, upper = false): string[] {
  return typed
    .split(/[\s,;]+/)
    .map((code) => (upper ? code.toUpperCase() : code))
    .filter(Boolean);
}

/** A whole amount as typed, spaces between thousands allowed; `undefined` when left empty. */
function amount(typed: string): number | undefined {
  const digits = typed.replace(/[\s\u00a0\u202f]/g, '');
  return digits === '' ? undefined : Number(digits);
}

export function newCallOf(draft: CallDraft): NewFundingCall {
  return {
    funder_id: draft.funder,
    programme_name: draft.programmeName.trim(),
    programme_code: draft.programmeCode.trim() || undefined,
    title: draft.title.trim(),
    description: draft.description.trim(),
    currency: draft.currency.trim().toUpperCase(),
    total_budget: amount(draft.totalBudget) ?? 0,
    max_grant: amount(draft.maxGrant),
    max_cofinancing_rate: amount(draft.maxRate),
    applicant_kinds: draft.applicantKinds,
    countries: codes(draft.countries, true),
    regions: codes(draft.regions),
    sectors: codes(draft.sectors),
    opens_on: draft.opensOn,
    closes_on: draft.closesOn,
    time_zone: draft.timeZone.trim(),
    grants_expected: amount(draft.grantsExpected),
  };
}

/** A published call's changes: every field the form edits (the funder and currency stay). */
export function callChangesOf(draft: CallDraft): FundingCallChanges {
  const call = newCallOf(draft);
  return {
    programme_name: call.programme_name,
    // An emptied code is removed, not left as it was.
    programme_code: draft.programmeCode.trim(),
    title: call.title,
    description: call.description,
    total_budget: call.total_budget,
    max_grant: call.max_grant,
    max_cofinancing_rate: call.max_cofinancing_rate,
    grants_expected: call.grants_expected,
    applicant_kinds: call.applicant_kinds,
    countries: call.countries,
    regions: call.regions,
    sectors: call.sectors,
    opens_on: call.opens_on,
    closes_on: call.closes_on,
    time_zone: call.time_zone,
  };
}

/** The required controls left empty, by their API names. */
export function missingOfCall(draft: CallDraft, publishing: boolean): string[] {
  const required: [string, boolean][] = [
    ['funder_id', publishing && draft.funder === ''],
    ['programme_name', draft.programmeName.trim() === ''],
    ['title', draft.title.trim() === ''],
    ['description', draft.description.trim() === ''],
    ['total_budget', draft.totalBudget.trim() === ''],
    ['applicant_kinds', draft.applicantKinds.length === 0],
    ['opens_on', draft.opensOn === ''],
    ['closes_on', draft.closesOn === ''],
    ['time_zone', draft.timeZone.trim() === ''],
  ];
  return required.filter(([, empty]) => empty).map(([name]) => name);
}

/** The call's own words for the rules the API checks beyond a field's shape. */
export function callFieldMessages(t: TFunction): FieldMessages {
  return (error, control) => {
    const key = `funding.callForm.errors.${control}_${error.code}`;
    const known = t(key as 'funding.callForm.errors.max_grant_range', { defaultValue: '' });
    return known || undefined;
  };
}

interface CallFieldsProps {
  draft: CallDraft;
  onChange: (draft: CallDraft) => void;
  errors: FormErrors;
  /** The organisations the member may publish for; `null` once published (the funder stays). */
  funders: { id: string; name: string }[] | null;
}

/** The fields of a call, shared by the forms that publish and change one. */
export function CallFields({ draft, onChange, errors, funders }: CallFieldsProps) {
  const { t } = useTranslation();
  const { set, text: bind } = draftFields(draft, onChange, errors);
  const toggleKind = (kind: OrganisationKind) => (checked: boolean) =>
    set('applicantKinds')(checked ? [...draft.applicantKinds, kind] : draft.applicantKinds.filter((k) => k !== kind));
  return (
    <>
      {funders && (
        <SelectField
          name="funder_id"
          label={t('funding.callForm.funder')}
          hint={t('funding.callForm.funderHint')}
          error={errors.fields.funder_id}
          value={draft.funder}
          choices={[{ value: '', label: '—' }, ...funders.map((funder) => ({ value: funder.id, label: funder.name }))]}
          onChange={set('funder')}
        />
      )}
      <TextField label={t('funding.callForm.programmeName')} {...bind('programmeName', 'programme_name')} />
      <TextField label={t('funding.callForm.programmeCode')} {...bind('programmeCode', 'programme_code')} />
      <TextField label={t('funding.callForm.title')} {...bind('title', 'title')} />
      <TextAreaField label={t('funding.callForm.description')} rows={6} {...bind('description', 'description')} />
      <TextField
        label={t('funding.callForm.currency')}
        hint={funders ? t('funding.callForm.currencyHint') : t('funding.callForm.currencyFixed')}
        readOnly={!funders}
        maxLength={3}
        {...bind('currency', 'currency')}
      />
      <TextField label={t('funding.callForm.totalBudget')} inputMode="numeric" {...bind('totalBudget', 'total_budget')} />
      <TextField label={t('funding.callForm.maxGrant')} inputMode="numeric" {...bind('maxGrant', 'max_grant')} />
      <TextField label={t('funding.callForm.maxRate')} inputMode="numeric" {...bind('maxRate', 'max_cofinancing_rate')} />
      <TextField
        label={t('funding.callForm.grantsExpected')}
        inputMode="numeric"
        {...bind('grantsExpected', 'grants_expected')}
      />
      <Fieldset legend={t('funding.callForm.applicantKinds')} error={errors.fields.applicant_kinds}>
        {APPLICANT_KINDS.map((kind) => (
          <CheckboxField
            key={kind}
            name="applicant_kinds"
            label={t(`funding.kinds.${kind}`)}
            checked={draft.applicantKinds.includes(kind)}
            onChange={toggleKind(kind)}
          />
        ))}
      </Fieldset>
      <TextField label={t('funding.callForm.countries')} hint={t('funding.callForm.countriesHint')} {...bind('countries', 'countries')} />
      <TextField label={t('funding.callForm.regions')} hint={t('funding.callForm.regionsHint')} {...bind('regions', 'regions')} />
      <TextField label={t('funding.callForm.sectors')} hint={t('funding.callForm.sectorsHint')} {...bind('sectors', 'sectors')} />
      <TextField label={t('funding.callForm.opensOn')} type="date" {...bind('opensOn', 'opens_on')} />
      <TextField label={t('funding.callForm.closesOn')} type="date" {...bind('closesOn', 'closes_on')} />
      <TextField label={t('funding.callForm.timeZone')} hint={t('funding.callForm.timeZoneHint')} {...bind('timeZone', 'time_zone')} />
    </>
  );
}
