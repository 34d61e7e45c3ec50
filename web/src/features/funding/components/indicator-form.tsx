import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, SubmitButton, TextField, draftFields, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { createIdempotencyKeys } from '@/lib/api/idempotency';
import { type NewIndicator, useAddIndicator } from '../api/funding-requests';

interface IndicatorDraft {
  title: string;
  unit: string;
  baseline: string;
  target: string;
  due: string;
}

const INDICATOR_CONTROLS = ['title', 'unit', 'baseline_value', 'target_value', 'due_on'] as const;

/** A number as typed, a comma for decimals allowed (French). */
const number = (typed: string) => Number(typed.replace(/\s/g, '').replace(',', '.'));

export function newIndicatorOf(draft: IndicatorDraft): NewIndicator {
  return {
    title: draft.title.trim(),
    unit: draft.unit.trim(),
    baseline_value: draft.baseline.trim() === '' ? 0 : number(draft.baseline),
    target_value: number(draft.target),
    due_on: draft.due,
  };
}

const EMPTY: IndicatorDraft = { title: '', unit: '', baseline: '0', target: '', due: '' };

/** Adds a result indicator (IATI's shape: a baseline, a target by a date). */
export function AddIndicatorForm({ project }: { project: string }) {
  const { t } = useTranslation();
  const add = useAddIndicator(project);
  const keyOf = useMemo(() => createIdempotencyKeys(), []);
  const [draft, setDraft] = useState(EMPTY);
  const errors = useFormErrors(add.error, INDICATOR_CONTROLS);
  const form = useFocusFirstError(add.error);
  const { text } = draftFields(draft, setDraft, errors);
  return (
    <form
      ref={form}
      noValidate
      className="form funding-card"
      aria-labelledby="add-indicator-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (add.isPending) return;
        const body = newIndicatorOf(draft);
        add.mutate({ body, idempotencyKey: keyOf(body) }, { onSuccess: () => setDraft(EMPTY) });
      }}
    >
      <h3 id="add-indicator-title">{t('funding.indicator.add')}</h3>
      <FormAlert message={errors.general} />
      <TextField label={t('funding.indicator.title')} {...text('title', 'title')} />
      <TextField label={t('funding.indicator.unit')} {...text('unit', 'unit')} />
      <TextField label={t('funding.indicator.baseline')} inputMode="decimal" {...text('baseline', 'baseline_value')} />
      <TextField label={t('funding.indicator.target')} inputMode="decimal" {...text('target', 'target_value')} />
      <TextField label={t('funding.indicator.due')} type="date" {...text('due', 'due_on')} />
      <div className="form-actions">
        <SubmitButton pending={add.isPending} pendingLabel={t('form.saving')}>
          {t('funding.indicator.addSubmit')}
        </SubmitButton>
      </div>
    </form>
  );
}
