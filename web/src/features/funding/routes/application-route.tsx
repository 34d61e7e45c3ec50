import '../components/funding.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Fieldset, FormAlert, SelectField, SubmitButton, TextField, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMyOrganisations } from '@/features/organisations';
import { ApiError } from '@/lib/api/client';
import { useFundingTexts } from '@/lib/i18n-funding';
import {
  type ApplicationChanges,
  type ApplicationDetail,
  type Versioned,
  useApplication,
  useSubmitDraft,
  useUpdateDraft,
} from '../api/funding-requests';
import { formatAmount } from '../components/amount';
import { ruleMessages } from '../components/rule-messages';
import { RuleList } from '../components/rules';

/** An application with its status history; a draft is changed and submitted from here. */
export function ApplicationRoute() {
  useFundingTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const record = useApplication(id);
  if (record.isPending) return <LoadingNotice />;
  if (!record.data) return <ErrorNotice error={record.error} onRetry={() => void record.refetch()} />;
  const application = record.data.item;
  return (
    <article aria-labelledby="application-title" className="narrow">
      <p>
        <Link to="/me/funding-applications">{t('funding.applications.back')}</Link>
      </p>
      <h1 id="application-title" className="break-anywhere">
        {application.call_title}
      </h1>
      <Summary application={application} />
      {application.status === 'draft' && <DraftForm record={record.data} />}
      <h2 id="application-history">{t('funding.applications.history')}</h2>
      <History application={application} />
    </article>
  );
}

function Summary({ application }: { application: ApplicationDetail }) {
  const { t, i18n } = useTranslation();
  const money = (amount: number) => formatAmount(amount, application.currency, i18n.language);
  return (
    <>
      <p className="funding-meta">
        <Link to={`/funding/calls/${application.call_id}`}>{t('funding.applications.call')}</Link> ·{' '}
        <Link to={`/projects/${application.project_id}/funding`}>{application.project_title}</Link> ·{' '}
        {application.organisation_name}
      </p>
      <p>
        <strong data-testid="application-status">{t(`funding.applicationStatus.${application.status}`)}</strong>
        {' · '}
        {t('funding.board.requested', { amount: money(application.amount_requested), budget: money(application.project_budget) })}
        {application.amount_granted != null && ` · ${t('funding.board.granted', { amount: money(application.amount_granted) })}`}
      </p>
      {application.financing_plan.length > 0 && (
        <ul className="funding-meta">
          {application.financing_plan.map((line, index) => (
            <li key={index}>
              {line.funder_name}: {money(line.amount)}
            </li>
          ))}
        </ul>
      )}
      <RuleList rules={application.rules} />
    </>
  );
}

function History({ application }: { application: ApplicationDetail }) {
  const { t, i18n } = useTranslation();
  const when = (at: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  return (
    <ol className="funding-history" aria-labelledby="application-history">
      {application.history.map((step, index) => (
        <li key={index}>
          <strong>{t(`funding.applicationStatus.${step.status}`)}</strong> · <time dateTime={step.at}>{when(step.at)}</time>
          {step.amount_granted != null &&
            ` · ${t('funding.board.granted', { amount: formatAmount(step.amount_granted, application.currency, i18n.language) })}`}
          {step.comment && <p className="funding-meta">{step.comment}</p>}
        </li>
      ))}
    </ol>
  );
}

type PlanRow = { funderName: string; amount: string };

interface DraftValues {
  organisation: string;
  requested: string;
  budget: string;
  plan: PlanRow[];
}

const DRAFT_CONTROLS = ['organisation_id', 'amount_requested', 'project_budget', 'financing_plan', 'call'] as const;

function valuesOf(application: ApplicationDetail): DraftValues {
  return {
    organisation: application.organisation_id,
    requested: String(application.amount_requested),
    budget: String(application.project_budget),
    plan: application.financing_plan.map((line) => ({ funderName: line.funder_name, amount: String(line.amount) })),
  };
}

export function draftChangesOf(values: DraftValues): ApplicationChanges {
  return {
    organisation_id: values.organisation,
    amount_requested: Number(values.requested),
    project_budget: Number(values.budget),
    financing_plan: values.plan
      .filter((row) => row.funderName.trim() !== '' || row.amount.trim() !== '')
      .map((row) => ({ funder_name: row.funderName.trim(), amount: Number(row.amount) })),
  };
}

/** A draft's amounts, plan and organisation, saved against the version read; then submitted. */
export function DraftForm({ record }: { record: Versioned<ApplicationDetail> }) {
  const { t } = useTranslation();
  const application = record.item;
  const organisations = useMyOrganisations();
  const [values, setValues] = useState(() => valuesOf(application));
  const update = useUpdateDraft(application.id);
  const submit = useSubmitDraft(application.id);
  const failure = update.error ?? submit.error;
  const errors = useFormErrors(failure, DRAFT_CONTROLS, ruleMessages(t));
  const form = useFocusFirstError(failure);
  const forbidden = failure instanceof ApiError && failure.status === 403;
  const pending = update.isPending || submit.isPending;
  const setPlan = (index: number, row: Partial<PlanRow>) =>
    setValues({ ...values, plan: values.plan.map((current, i) => (i === index ? { ...current, ...row } : current)) });
  const choices = (organisations.data ?? []).map((membership) => ({ value: membership.organisation_id, label: membership.name }));
  if (!choices.some((choice) => choice.value === values.organisation)) {
    choices.unshift({ value: values.organisation, label: application.organisation_name });
  }
  return (
    <form
      ref={form}
      noValidate
      className="form"
      aria-labelledby="draft-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (pending) return;
        submit.reset();
        update.mutate({ changes: draftChangesOf(values), etag: record.etag });
      }}
    >
      <h2 id="draft-title">{t('funding.applications.draft')}</h2>
      <FormAlert message={forbidden ? t('funding.applications.editorsOnly') : errors.general} />
      {update.isSuccess && !update.isPending && (
        <p role="status" className="funding-verdict funding-verdict--yes">
          {t('funding.apply.saved')}
        </p>
      )}
      <SelectField
        name="organisation_id"
        label={t('funding.apply.organisation')}
        error={errors.fields.organisation_id}
        value={values.organisation}
        choices={choices}
        onChange={(organisation) => setValues({ ...values, organisation })}
      />
      <TextField
        name="amount_requested"
        inputMode="numeric"
        label={t('funding.apply.requested', { currency: application.currency })}
        value={values.requested}
        error={errors.fields.amount_requested}
        onChange={(event) => setValues({ ...values, requested: event.target.value })}
      />
      <TextField
        name="project_budget"
        inputMode="numeric"
        label={t('funding.apply.budget', { currency: application.currency })}
        value={values.budget}
        error={errors.fields.project_budget}
        onChange={(event) => setValues({ ...values, budget: event.target.value })}
      />
      <Fieldset legend={t('funding.applications.plan')} error={errors.fields.financing_plan}>
        {values.plan.map((row, index) => (
          <div key={index} className="funding-actions">
            <TextField
              name={`financing_plan[${index}].funder_name`}
              label={t('funding.applications.planFunder')}
              value={row.funderName}
              onChange={(event) => setPlan(index, { funderName: event.target.value })}
            />
            <TextField
              name={`financing_plan[${index}].amount`}
              inputMode="numeric"
              label={t('funding.applications.planAmount')}
              value={row.amount}
              onChange={(event) => setPlan(index, { amount: event.target.value })}
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setValues({ ...values, plan: values.plan.filter((_, i) => i !== index) })}
            >
              {t('funding.applications.planRemove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setValues({ ...values, plan: [...values.plan, { funderName: '', amount: '' }] })}
        >
          {t('funding.applications.planAdd')}
        </button>
      </Fieldset>
      <div className="form-actions">
        <SubmitButton pending={update.isPending} pendingLabel={t('form.saving')}>
          {t('funding.applications.save')}
        </SubmitButton>
        <button
          type="button"
          className="button"
          disabled={pending}
          onClick={() => {
            update.reset();
            submit.mutate({ etag: record.etag });
          }}
        >
          {t('funding.apply.submit')}
        </button>
      </div>
    </form>
  );
}
