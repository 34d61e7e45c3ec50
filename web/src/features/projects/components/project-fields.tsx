import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Field, TextField } from '@/components/ui/form';
import { missingFields, type FieldMessages, type FormErrors } from '@/components/ui/form-errors';
import type { OpportunityCategory, ProjectStatus } from '@/features/taxonomies/api/vocabulary';
import { CodeMultiSelect, CodeSelect } from '@/features/taxonomies/components/code-select';
import type { Project } from '../api/get-project';
import type { NewProject, ProjectChanges } from '../api/project-requests';
import type { MarketplaceLabels } from './use-marketplace-labels';

/** What the create and edit forms hold, as the controls hold it. */
export interface ProjectDraft {
  title: string;
  summary: string;
  description: string;
  sectors: string[];
  countries: string[];
  needs: OpportunityCategory[];
  budgetAmount: string;
  budgetCurrency: string;
  language: string;
  status: ProjectStatus;
}

/** The controls, named as the API names the fields, so that its errors land beside them. */
export const projectControls = [
  'title',
  'summary',
  'description',
  'sectors',
  'countries',
  'needs',
  'budget_amount',
  'budget_currency',
  'language',
  'status',
] as const;

export function emptyProjectDraft(language: string): ProjectDraft {
  return {
    title: '',
    summary: '',
    description: '',
    sectors: [],
    countries: [],
    needs: [],
    budgetAmount: '',
    budgetCurrency: '',
    language,
    status: 'draft',
  };
}

export function projectDraftOf(project: Project): ProjectDraft {
  return {
    title: project.title,
    summary: project.summary,
    description: project.description,
    sectors: [...project.sectors],
    countries: [...project.countries],
    needs: [...project.needs],
    budgetAmount: project.budget ? String(project.budget.amount) : '',
    budgetCurrency: project.budget?.currency ?? '',
    language: project.language,
    status: project.status,
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

/** The failure for required controls left empty, or `null` when the draft can go. */
export function missingOfProject(draft: ProjectDraft) {
  const missing: string[] = [];
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
    needs: draft.needs,
    budget_amount: amount,
    budget_currency: amount === null ? null : draft.budgetCurrency || null,
    language: draft.language || null,
    status: draft.status === 'published' ? 'published' : 'draft',
  };
}

/** The PATCH body: every field the form shows; the status only when it changes. */
export function projectChangesOf(draft: ProjectDraft, from: ProjectStatus): ProjectChanges {
  const { status, ...project } = newProjectOf(draft);
  void status;
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
}

/** The controls shared by the create and edit forms. */
export function ProjectFields({ draft, onChange, errors, labels, statuses }: ProjectFieldsProps) {
  const { t } = useTranslation();
  const set =
    <K extends keyof ProjectDraft>(key: K) =>
    (value: ProjectDraft[K]) =>
      onChange({ ...draft, [key]: value });

  return (
    <>
      <TextField
        name="title"
        label={t('marketplace.projects.titleLabel')}
        hint={t('marketplace.projects.titleHint')}
        maxLength={200}
        required
        value={draft.title}
        onChange={(event) => set('title')(event.target.value)}
        error={errors.fields.title}
      />
      <Field label={t('marketplace.projects.summaryLabel')} hint={t('marketplace.projects.summaryHint')} error={errors.fields.summary}>
        {(control) => (
          <textarea
            className="input"
            name="summary"
            rows={3}
            maxLength={500}
            required
            value={draft.summary}
            onChange={(event) => set('summary')(event.target.value)}
            {...control}
          />
        )}
      </Field>
      <Field label={t('marketplace.projects.descriptionLabel')} hint={t('marketplace.projects.descriptionHint')} error={errors.fields.description}>
        {(control) => (
          <textarea
            className="input"
            name="description"
            rows={8}
            maxLength={20000}
            value={draft.description}
            onChange={(event) => set('description')(event.target.value)}
            {...control}
          />
        )}
      </Field>
      <CodeMultiSelect
        name="sectors"
        label={t('marketplace.projects.sectors')}
        options={labels.options.sectors}
        value={draft.sectors}
        onChange={set('sectors')}
        error={errors.fields.sectors}
        showCodes
      />
      <CodeMultiSelect
        name="countries"
        label={t('marketplace.projects.countries')}
        options={labels.options.countries}
        value={draft.countries}
        onChange={set('countries')}
        error={errors.fields.countries}
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
      <fieldset className="fieldset">
        <legend>{t('marketplace.projects.budget')}</legend>
        <TextField
          name="budget_amount"
          inputMode="numeric"
          label={t('marketplace.projects.budgetAmount')}
          hint={t('marketplace.projects.budgetHint')}
          value={draft.budgetAmount}
          onChange={(event) => set('budgetAmount')(event.target.value)}
          error={errors.fields.budget_amount}
        />
        <CodeSelect
          name="budget_currency"
          label={t('marketplace.projects.budgetCurrency')}
          options={labels.options.currencies}
          value={draft.budgetCurrency}
          onChange={set('budgetCurrency')}
          noneLabel={t('marketplace.choose')}
          error={errors.fields.budget_currency}
        />
      </fieldset>
      <CodeSelect
        name="language"
        label={t('marketplace.projects.language')}
        options={labels.options.languages}
        value={draft.language}
        onChange={set('language')}
        noneLabel={t('marketplace.choose')}
        error={errors.fields.language}
      />
      {statuses.length > 1 && (
        <Field label={t('marketplace.projects.status')} hint={t('marketplace.projects.statusHint')} error={errors.fields.status}>
          {(control) => (
            <select
              className="input"
              name="status"
              value={draft.status}
              onChange={(event) => set('status')(event.target.value as ProjectStatus)}
              {...control}
            >
              {statuses.map((status) => (
                <option key={status} value={status}>
                  {t(`marketplace.projectStatusChoice.${status}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </>
  );
}
