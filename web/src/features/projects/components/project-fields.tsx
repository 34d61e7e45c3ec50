import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Fieldset, SelectField, TextAreaField, TextField, draftFields } from '@/components/ui/form';
import { missingFields, type FieldMessages, type FormErrors } from '@/components/ui/form-errors';
import type { Membership } from '@/features/organisations';
import type { OpportunityCategory, ProjectStatus } from '@/lib/taxonomies/vocabulary';
import { CodeMultiSelect, CodeSelect, SectorPicker } from '@/components/ui/code-select';
import type { Project } from '../api/get-project';
import type { NewProject, ProjectChanges } from '../api/project-requests';
import {
  TerritoryFields,
  isBlankTerritory,
  missingOfTerritories,
  territoryControls,
  type TerritoryDraft,
} from './territory-fields';
import type { MarketplaceLabels } from '@/lib/marketplace-labels';

/** What the create and edit forms hold, as the controls hold it. */
export interface ProjectDraft {
  title: string;
  summary: string;
  description: string;
  sectors: string[];
  countries: string[];
  territories: TerritoryDraft[];
  needs: OpportunityCategory[];
  budgetAmount: string;
  budgetCurrency: string;
  language: string;
  status: ProjectStatus;
  /** The organisation it is published for; empty for the member alone. */
  organisationId: string;
}

/** The controls, named as the API names the fields, so that its errors land beside them. */
export const projectControls = [
  'title',
  'summary',
  'description',
  'sectors',
  'countries',
  'territories',
  'needs',
  'budget_amount',
  'budget_currency',
  'language',
  'status',
  'organisation_id',
] as const;

/** The controls of `draft`'s form: the fixed ones and those of each territory row. */
export function projectControlsOf(draft: ProjectDraft): string[] {
  return [...projectControls, ...territoryControls(draft.territories.length)];
}

export function emptyProjectDraft(language: string): ProjectDraft {
  return {
    title: '',
    summary: '',
    description: '',
    sectors: [],
    countries: [],
    territories: [],
    needs: [],
    budgetAmount: '',
    budgetCurrency: '',
    language,
    status: 'draft',
    organisationId: '',
  };
}

export function projectDraftOf(project: Project): ProjectDraft {
  return {
    title: project.title,
    summary: project.summary,
    description: project.description,
    sectors: [...project.sectors],
    countries: [...project.countries],
    territories: project.territories.map((territory) => ({ ...territory })),
    needs: [...project.needs],
    budgetAmount: project.budget ? String(project.budget.amount) : '',
    budgetCurrency: project.budget?.currency ?? '',
    language: project.language,
    status: project.status,
    organisationId: project.organisation_id ?? '',
  };
}

/** The statuses a project may move to from `status` (the API's transitions), itself first. */
export function statusChoices(status: ProjectStatus): ProjectStatus[] {
  switch (status) {
    case 'draft':
      return ['draft', 'published', 'archived'];
    case 'published':
      return ['published', 'closed', 'archived'];
    case 'closed':
      return ['closed', 'published', 'archived'];
    case 'archived':
      return ['archived'];
  }
}

/**
 * `draft` without the territory rows left empty, so that the rows sent are the rows shown and
 * the API's `territories[1]` is the second row on screen; `draft` itself when none is empty.
 */
export function withoutBlankTerritories(draft: ProjectDraft): ProjectDraft {
  const territories = draft.territories.filter((territory) => !isBlankTerritory(territory));
  return territories.length === draft.territories.length ? draft : { ...draft, territories };
}

/** The failure for required controls left empty, or `null` when the draft can go. */
export function missingOfProject(draft: ProjectDraft) {
  const missing: string[] = missingOfTerritories(draft.territories);
  if (!draft.title.trim()) missing.push('title');
  if (!draft.summary.trim()) missing.push('summary');
  // The amount and its currency go together.
  if (draft.budgetAmount.trim() && !draft.budgetCurrency) missing.push('budget_currency');
  if (!draft.budgetAmount.trim() && draft.budgetCurrency) missing.push('budget_amount');
  return missingFields(missing);
}

/** Digits only ("25 000 000" and "25.000.000" as typed on a phone); `null` when empty. */
function amountOf(text: string): number | null {
  const digits = text.replace(/[\s.,'’]/g, '');
  if (!digits) return null;
  // Anything else goes as typed and the API says what is wrong with it.
  return /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
}

export function newProjectOf(draft: ProjectDraft): NewProject {
  const amount = amountOf(draft.budgetAmount);
  return {
    title: draft.title.trim(),
    summary: draft.summary.trim(),
    description: draft.description.trim(),
    sectors: draft.sectors,
    countries: draft.countries,
    territories: draft.territories
      .filter((territory) => !isBlankTerritory(territory))
      .map((territory) => ({ country: territory.country, place: territory.place.trim() })),
    needs: draft.needs,
    budget_amount: amount,
    budget_currency: amount === null ? null : draft.budgetCurrency || null,
    language: draft.language || null,
    status: draft.status === 'published' ? 'published' : 'draft',
    organisation_id: draft.organisationId || null,
  };
}

/** The PATCH body: every field the form shows; the status only when it changes. */
export function projectChangesOf(draft: ProjectDraft, from: ProjectStatus): ProjectChanges {
  // The organisation is chosen once, at creation (the API's `ProjectChanges` has none).
  const { status, organisation_id, ...project } = newProjectOf(draft);
  void status;
  void organisation_id;
  return { ...project, ...(draft.status !== from ? { status: draft.status } : {}) };
}

/** The project forms' wording of the API's limits and rules. */
export function projectFieldMessages(t: TFunction): FieldMessages {
  return (error, control) => {
    if (error.code === 'length') {
      if (control === 'title') return t('marketplace.projects.titleLength');
      if (control === 'summary') return t('marketplace.projects.summaryLength');
      if (control === 'description') return t('marketplace.projects.descriptionLength');
    }
    if (control === 'budget_amount' && error.code !== 'required') return t('marketplace.projects.budgetAmountInvalid');
    if (control === 'budget_currency' && error.code === 'required') return t('marketplace.projects.budgetTogether');
    if (control === 'budget_amount' && error.code === 'required') return t('marketplace.projects.budgetTogether');
    if (control === 'status' && error.code === 'invalid_transition') return t('marketplace.projects.statusTransition');
    if (control === 'territories' && error.code === 'length') return t('marketplace.territories.tooMany');
    if (control.endsWith('.place') && error.code === 'length') return t('marketplace.territories.placeLength');
    if (control === 'organisation_id') return t('marketplace.projects.organisationNotYours');
    return undefined;
  };
}

interface ProjectFieldsProps {
  draft: ProjectDraft;
  onChange: (draft: ProjectDraft) => void;
  errors: FormErrors;
  labels: MarketplaceLabels;
  /** The statuses to offer; creation offers draft and published. */
  statuses: readonly ProjectStatus[];
  /** Creation: the organisations the member may publish for. Editing: `null`, it is fixed. */
  organisations: readonly Membership[] | null;
}

/** The controls shared by the create and edit forms. */
export function ProjectFields({ draft, onChange, errors, labels, statuses, organisations }: ProjectFieldsProps) {
  const { t } = useTranslation();
  const { set, text } = draftFields(draft, onChange, errors);

  return (
    <>
      <TextField
        {...text('title', 'title')}
        label={t('marketplace.projects.titleLabel')}
        hint={t('marketplace.projects.titleHint')}
        maxLength={200}
        required
      />
      <TextAreaField
        {...text('summary', 'summary')}
        label={t('marketplace.projects.summaryLabel')}
        hint={t('marketplace.projects.summaryHint')}
        rows={3}
        maxLength={500}
        required
      />
      <TextAreaField
        {...text('description', 'description')}
        label={t('marketplace.projects.descriptionLabel')}
        hint={t('marketplace.projects.descriptionHint')}
        rows={8}
        maxLength={20000}
      />
      {organisations && organisations.length > 0 && (
        <SelectField
          name="organisation_id"
          label={t('marketplace.projects.organisation')}
          hint={t('marketplace.projects.organisationHint')}
          value={draft.organisationId}
          choices={[
            { value: '', label: t('marketplace.projects.organisationNone') },
            ...organisations.map((membership) => ({ value: membership.organisation_id, label: membership.name })),
          ]}
          onChange={set('organisationId')}
          error={errors.fields.organisation_id}
        />
      )}
      <SectorPicker
        label={t('marketplace.projects.sectors')}
        options={labels.options.sectors}
        value={draft.sectors}
        onChange={set('sectors')}
        error={errors.fields.sectors}
      />
      <CodeMultiSelect
        name="countries"
        label={t('marketplace.projects.countries')}
        options={labels.options.countries}
        value={draft.countries}
        onChange={set('countries')}
        error={errors.fields.countries}
      />
      <TerritoryFields
        territories={draft.territories}
        onChange={set('territories')}
        errors={errors}
        countries={labels.options.countries}
      />
      <CodeMultiSelect
        name="needs"
        label={t('marketplace.projects.needs')}
        options={labels.options.categories}
        value={draft.needs}
        // The options are the API's own categories.
        onChange={(codes) => set('needs')(codes as OpportunityCategory[])}
        error={errors.fields.needs}
      />
      <Fieldset legend={t('marketplace.projects.budget')}>
        <TextField
          {...text('budgetAmount', 'budget_amount')}
          inputMode="numeric"
          label={t('marketplace.projects.budgetAmount')}
          hint={t('marketplace.projects.budgetHint')}
        />
        <CodeSelect
          name="budget_currency"
          label={t('marketplace.projects.budgetCurrency')}
          options={labels.options.currencies}
          value={draft.budgetCurrency}
          onChange={set('budgetCurrency')}
          noneLabel={t('form.choose')}
          error={errors.fields.budget_currency}
        />
      </Fieldset>
      <CodeSelect
        name="language"
        label={t('marketplace.projects.language')}
        options={labels.options.languages}
        value={draft.language}
        onChange={set('language')}
        noneLabel={t('form.choose')}
        error={errors.fields.language}
      />
      {statuses.length > 1 && (
        <SelectField
          name="status"
          label={t('marketplace.projects.status')}
          hint={t('marketplace.projects.statusHint')}
          value={draft.status}
          choices={statuses.map((status) => ({ value: status, label: t(`marketplace.projectStatusChoice.${status}`) }))}
          onChange={set('status')}
          error={errors.fields.status}
        />
      )}
    </>
  );
}
