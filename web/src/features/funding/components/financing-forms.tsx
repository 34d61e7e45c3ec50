import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { FormAlert, SelectField, SubmitButton, TextField, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { problemMessage } from '@/components/ui/form-errors';
import { useMyOrganisations } from '@/features/organisations';
import { createIdempotencyKeys } from '@/lib/api/idempotency';
import {
  type FinancingLine,
  type NewFinancingLine,
  useAddFinancingLine,
  useChangeFinancingLine,
  useDeleteFinancingLine,
} from '../api/funding-requests';

type LineStatus = FinancingLine['status'];

interface LineDraft {
  /** An organisation of the platform, or '' for a named funder. */
  organisation: string;
  funderName: string;
  amount: string;
  currency: string;
  status: LineStatus;
}

const LINE_CONTROLS = ['organisation_id', 'funder_name', 'amount', 'currency', 'status'] as const;

export function newLineOf(draft: LineDraft): NewFinancingLine {
  return {
    organisation_id: draft.organisation || undefined,
    funder_name: draft.organisation ? undefined : draft.funderName.trim() || undefined,
    amount: Number(draft.amount.replace(/\s/g, '')),
    currency: draft.currency.trim().toUpperCase(),
    status: draft.status,
  };
}

function useStatusChoices() {
  const { t } = useTranslation();
  return (['pledged', 'received'] as const).map((value) => ({ value, label: t(`funding.line.${value}`) }));
}

/** Adds a co-financer: one of the member's organisations, or a funder named as it is. */
export function AddLineForm({ project, currency }: { project: string; currency: string }) {
  const { t } = useTranslation();
  const organisations = useMyOrganisations();
  const add = useAddFinancingLine(project);
  const keyOf = useMemo(() => createIdempotencyKeys(), []);
  const empty: LineDraft = { organisation: '', funderName: '', amount: '', currency, status: 'pledged' };
  const [draft, setDraft] = useState(empty);
  const errors = useFormErrors(add.error, LINE_CONTROLS);
  const form = useFocusFirstError(add.error);
  const statuses = useStatusChoices();
  const organisationChoices = [
    { value: '', label: t('funding.financing.namedFunder') },
    ...(organisations.data ?? []).map((membership) => ({ value: membership.organisation_id, label: membership.name })),
  ];
  return (
    <form
      ref={form}
      noValidate
      className="form funding-card"
      aria-labelledby="add-line-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (add.isPending) return;
        const body = newLineOf(draft);
        add.mutate({ body, idempotencyKey: keyOf(body) }, { onSuccess: () => setDraft(empty) });
      }}
    >
      <h3 id="add-line-title">{t('funding.financing.add')}</h3>
      <FormAlert message={errors.general} />
      <SelectField
        name="organisation_id"
        label={t('funding.financing.organisation')}
        error={errors.fields.organisation_id}
        value={draft.organisation}
        choices={organisationChoices}
        onChange={(organisation) => setDraft({ ...draft, organisation })}
      />
      {draft.organisation === '' && (
        <TextField
          name="funder_name"
          label={t('funding.financing.funderName')}
          value={draft.funderName}
          error={errors.fields.funder_name}
          onChange={(event) => setDraft({ ...draft, funderName: event.target.value })}
        />
      )}
      <TextField
        name="amount"
        inputMode="numeric"
        label={t('funding.financing.amount')}
        value={draft.amount}
        error={errors.fields.amount}
        onChange={(event) => setDraft({ ...draft, amount: event.target.value })}
      />
      <TextField
        name="currency"
        maxLength={3}
        label={t('funding.financing.currency')}
        value={draft.currency}
        error={errors.fields.currency}
        onChange={(event) => setDraft({ ...draft, currency: event.target.value })}
      />
      <SelectField
        name="status"
        label={t('funding.financing.status')}
        error={errors.fields.status}
        value={draft.status}
        choices={statuses}
        onChange={(status) => setDraft({ ...draft, status })}
      />
      <div className="form-actions">
        <SubmitButton pending={add.isPending} pendingLabel={t('form.saving')}>
          {t('funding.financing.addSubmit')}
        </SubmitButton>
      </div>
    </form>
  );
}

/** Changes a line's amount or status (a grant's funder and currency are the call's), or removes it. */
export function EditLine({ project, line }: { project: string; line: FinancingLine }) {
  const { t } = useTranslation();
  const change = useChangeFinancingLine(project);
  const remove = useDeleteFinancingLine(project);
  const [amount, setAmount] = useState(String(line.amount));
  const [status, setStatus] = useState<LineStatus>(line.status);
  const errors = useFormErrors(change.error, ['amount', 'status']);
  const statuses = useStatusChoices();
  return (
    <form
      noValidate
      className="funding-actions"
      aria-label={t('funding.financing.editOf', { funder: line.funder_name })}
      onSubmit={(event) => {
        event.preventDefault();
        change.mutate({ line, changes: { amount: Number(amount.replace(/\s/g, '')), status } });
      }}
    >
      <TextField
        name="amount"
        inputMode="numeric"
        label={t('funding.financing.amount')}
        value={amount}
        error={errors.fields.amount}
        onChange={(event) => setAmount(event.target.value)}
      />
      <SelectField name="status" label={t('funding.financing.status')} value={status} choices={statuses} onChange={setStatus} />
      <SubmitButton pending={change.isPending} pendingLabel={t('form.saving')}>
        {t('funding.financing.save')}
      </SubmitButton>
      <ConfirmAction
        label={t('funding.financing.remove')}
        accessibleLabel={`${t('funding.financing.remove')}: ${line.funder_name}`}
        question={t('funding.financing.removeQuestion', { funder: line.funder_name })}
        confirmLabel={t('funding.financing.remove')}
        cancelLabel={t('funding.callForm.cancel')}
        pending={remove.isPending}
        danger
        onConfirm={() => remove.mutate(line)}
      />
      {(errors.general ?? remove.error) && (
        <p role="alert" className="field__error">
          {errors.general ?? problemMessage(remove.error, t)}
        </p>
      )}
    </form>
  );
}
