import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CheckboxField, Fieldset, SelectField, TextAreaField, TextField, draftFields } from '@/components/ui/form';
import { missingFields, type FieldMessages, type FormErrors } from '@/components/ui/form-errors';
import type { Project } from '@/features/projects';
import type { MarketplaceLabels } from '@/lib/marketplace-labels';
import type { Direction, OpportunityCategory, OpportunityStatus } from '@/lib/taxonomies/vocabulary';
import { CodeSelect, CountrySelect, SectorPicker } from '@/components/ui/code-select';
import type { Opportunity } from '../api/get-opportunity';
import type { NewOpportunity, OpportunityChanges } from '../api/opportunity-requests';

/** What the create and edit forms hold, as the controls hold them. */
export interface OpportunityDraft {
  direction: Direction;
  category: OpportunityCategory | '';
  title: string;
  description: string;
  projectId: string;
  sectors: string[];
  /** Comma-separated, as typed. */
  skills: string;
  country: string;
  city: string;
  remote: boolean;
  startsOn: string;
  durationMonths: string;
  /** The last day it is open (`2027-02-28`); empty for the API's default (90 days). */
  expiresOn: string;
  anonymous: boolean;
  status: OpportunityStatus;
}

export const opportunityControls = [
  'direction',
  'category',
  'title',
  'description',
  'project_id',
  'sectors',
  'skills',
  'country',
  'city',
  'remote',
  'starts_on',
  'duration_months',
  'expires_at',
  'anonymous',
  'status',
] as const;

export function emptyOpportunityDraft(projectId = ''): OpportunityDraft {
  return {
    direction: 'offer',
    category: '',
    title: '',
    description: '',
    projectId,
    sectors: [],
    skills: '',
    country: '',
    city: '',
    remote: false,
    startsOn: '',
    durationMonths: '',
    expiresOn: '',
    anonymous: false,
    status: 'open',
  };
}

export function opportunityDraftOf(opportunity: Opportunity): OpportunityDraft {
  return {
    direction: opportunity.direction,
    category: opportunity.category,
    title: opportunity.title,
    description: opportunity.description,
    projectId: opportunity.project_id ?? '',
    sectors: [...opportunity.sectors],
    skills: opportunity.skills.join(', '),
    country: opportunity.country,
    city: opportunity.city ?? '',
    remote: opportunity.remote,
    startsOn: opportunity.starts_on ?? '',
    durationMonths: opportunity.duration_months ? String(opportunity.duration_months) : '',
    expiresOn: opportunity.expires_at.slice(0, 10),
    anonymous: opportunity.anonymous,
    status: opportunity.status,
  };
}

/** The statuses an opportunity may move to: open ↔ filled or closed; an expired one may reopen. */
export function opportunityStatusChoices(status: OpportunityStatus): OpportunityStatus[] {
  return status === 'open' ? ['open', 'filled', 'closed'] : [status, 'open'];
}

export function missingOfOpportunity(draft: OpportunityDraft) {
  const missing: string[] = [];
  if (!draft.category) missing.push('category');
  if (!draft.title.trim()) missing.push('title');
  if (!draft.description.trim()) missing.push('description');
  if (!draft.country) missing.push('country');
  return missingFields(missing);
}

function skillsOf(text: string): string[] {
  return [...new Set(text.split(/[,;\n]/).map((skill) => skill.trim()).filter(Boolean))];
}

/** The end of the chosen day, in UTC: open until that evening wherever the reader is. */
function expiryOf(day: string): string | null {
  return day ? `${day}T23:59:59Z` : null;
}

function sharedOf(draft: OpportunityDraft) {
  const duration = draft.durationMonths.trim();
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    sectors: draft.sectors,
    skills: skillsOf(draft.skills),
    country: draft.country,
    city: draft.city.trim() || null,
    remote: draft.remote,
    starts_on: draft.startsOn || null,
    duration_months: duration ? Number(duration) : null,
    expires_at: expiryOf(draft.expiresOn),
    anonymous: draft.anonymous,
  };
}

/** The creation body; call after `missingOfOpportunity` passed (the category is chosen). */
export function newOpportunityOf(draft: OpportunityDraft): NewOpportunity {
  return {
    ...sharedOf(draft),
    direction: draft.direction,
    category: draft.category as OpportunityCategory,
    project_id: draft.projectId || null,
  };
}

/**
 * The PATCH body: what may change (not the direction, category or project); the expiry and the
 * status only when they change, so that saving a typo fix does not move the expiry to the end of
 * its day.
 */
export function opportunityChangesOf(draft: OpportunityDraft, from: Opportunity): OpportunityChanges {
  const { expires_at, ...rest } = sharedOf(draft);
  const changes: OpportunityChanges = rest;
  if (draft.expiresOn && draft.expiresOn !== from.expires_at.slice(0, 10)) changes.expires_at = expires_at;
  if (draft.status !== from.status) changes.status = draft.status;
  return changes;
}

export function opportunityFieldMessages(t: TFunction): FieldMessages {
  return (error, control) => {
    if (error.code === 'length') {
      if (control === 'title') return t('marketplace.opportunities.titleLength');
      if (control === 'description') return t('marketplace.opportunities.descriptionLength');
      if (control === 'skills') return t('marketplace.opportunities.skillsLength');
    }
    if (control === 'expires_at') return t('marketplace.opportunities.expiryRange');
    if (control === 'duration_months') return t('marketplace.opportunities.durationRange');
    if (control === 'project_id') return t('marketplace.opportunities.projectNotYours');
    if (control === 'status' && error.code === 'invalid_transition') return t('marketplace.projects.statusTransition');
    return undefined;
  };
}

interface OpportunityFieldsProps {
  draft: OpportunityDraft;
  onChange: (draft: OpportunityDraft) => void;
  errors: FormErrors;
  labels: MarketplaceLabels;
  /** Creation: the member's projects to link to. Editing: `null`, the kind and project are fixed. */
  projects: readonly Project[] | null;
  statuses?: readonly OpportunityStatus[];
}

export function OpportunityFields({ draft, onChange, errors, labels, projects, statuses }: OpportunityFieldsProps) {
  const { t } = useTranslation();
  const { set, text } = draftFields(draft, onChange, errors);

  return (
    <>
      {projects ? (
        <>
          <Fieldset legend={t('marketplace.opportunities.direction')} error={errors.fields.direction}>
            {(['offer', 'request'] as const).map((direction) => (
              <label key={direction} className="checkbox">
                <input
                  type="radio"
                  name="direction"
                  value={direction}
                  checked={draft.direction === direction}
                  onChange={() => set('direction')(direction)}
                />
                {t(`marketplace.opportunities.directionChoice.${direction}`)}
              </label>
            ))}
          </Fieldset>
          <CodeSelect
            name="category"
            label={t('marketplace.opportunities.category')}
            options={labels.options.categories}
            value={draft.category}
            onChange={(code) => set('category')(code as OpportunityCategory | '')}
            noneLabel={t('form.choose')}
            error={errors.fields.category}
          />
          <SelectField
            name="project_id"
            label={t('marketplace.opportunities.project')}
            hint={t('marketplace.opportunities.projectHint')}
            value={draft.projectId}
            choices={[
              { value: '', label: t('marketplace.opportunities.noProject') },
              ...projects.map((project) => ({
                value: project.id,
                label:
                  project.status === 'published'
                    ? project.title
                    : `${project.title} (${t(`marketplace.projectStatus.${project.status}`)})`,
              })),
            ]}
            onChange={set('projectId')}
            error={errors.fields.project_id}
          />
        </>
      ) : (
        <p className="field__hint">
          {t(`marketplace.direction.${draft.direction}`)} · {draft.category && labels.categories.label(draft.category)} —{' '}
          {t('marketplace.opportunities.fixedKind')}
        </p>
      )}
      <TextField
        {...text('title', 'title')}
        label={t('marketplace.opportunities.titleLabel')}
        hint={t('marketplace.opportunities.titleHint')}
        maxLength={200}
        required
      />
      <TextAreaField
        {...text('description', 'description')}
        label={t('marketplace.opportunities.descriptionLabel')}
        hint={t('marketplace.opportunities.descriptionHint')}
        rows={8}
        maxLength={20000}
        required
      />
      <CountrySelect
        label={t('marketplace.opportunities.country')}
        options={labels.options.countries}
        value={draft.country}
        onChange={set('country')}
        error={errors.fields.country}
      />
      <TextField
        {...text('city', 'city')}
        label={t('marketplace.opportunities.city')}
        autoComplete="address-level2"
        maxLength={100}
      />
      <CheckboxField name="remote" label={t('marketplace.opportunities.remote')} checked={draft.remote} onChange={set('remote')} />
      <SectorPicker
        label={t('marketplace.projects.sectors')}
        options={labels.options.sectors}
        value={draft.sectors}
        onChange={set('sectors')}
        error={errors.fields.sectors}
      />
      <TextField
        {...text('skills', 'skills')}
        label={t('marketplace.opportunities.skills')}
        hint={t('marketplace.opportunities.skillsHint')}
      />
      <TextField
        {...text('startsOn', 'starts_on')}
        type="date"
        label={t('marketplace.opportunities.startsOn')}
      />
      <TextField
        {...text('durationMonths', 'duration_months')}
        type="number"
        inputMode="numeric"
        min={1}
        max={120}
        label={t('marketplace.opportunities.duration')}
      />
      <TextField
        {...text('expiresOn', 'expires_at')}
        type="date"
        label={t('marketplace.opportunities.expiresOn')}
        hint={t('marketplace.opportunities.expiresHint')}
      />
      <CheckboxField
        name="anonymous"
        label={t('marketplace.opportunities.anonymous')}
        checked={draft.anonymous}
        onChange={set('anonymous')}
      />
      {statuses && statuses.length > 1 && (
        <SelectField
          name="status"
          label={t('marketplace.opportunities.status')}
          value={draft.status}
          choices={statuses.map((status) => ({ value: status, label: t(`marketplace.opportunityStatus.${status}`) }))}
          onChange={set('status')}
          error={errors.fields.status}
        />
      )}
    </>
  );
}
