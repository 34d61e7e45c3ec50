import '@/components/ui/marketplace.css';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Fieldset, FormAlert, SubmitButton, TextAreaField, TextField, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { missingFields, type FieldMessages } from '@/components/ui/form-errors';
import { neighbourStages, type ProjectStage } from '@/lib/taxonomies/vocabulary';
import type { ApiError } from '@/lib/api/client';
import { localToday } from '@/lib/format';
import { useAccountTexts } from '@/lib/i18n-account';
import { useAddMilestone } from '../api/project-requests';

const milestoneControls = ['note', 'occurred_on', 'stage'] as const;

function milestoneFieldMessages(t: TFunction): FieldMessages {
  return (error, control) => {
    if (control === 'occurred_on' && error.code === 'future') return t('marketplace.milestones.future');
    if (control === 'stage' && error.code === 'invalid_transition') return t('marketplace.milestones.oneStep');
    if (control === 'note' && error.code === 'length') return t('marketplace.milestones.noteLength');
    return undefined;
  };
}

interface MilestoneFormProps {
  projectId: string;
  stage: ProjectStage;
}

/**
 * Records a dated milestone; optionally the project moves one stage on (or back, to correct a
 * step). The choices offered are the API's: one step from the current stage.
 */
export function MilestoneForm({ projectId, stage }: MilestoneFormProps) {
  useAccountTexts();
  const { t } = useTranslation();
  const id = useId();
  const [note, setNote] = useState('');
  const [occurredOn, setOccurredOn] = useState('');
  const [step, setStep] = useState<ProjectStage | ''>('');
  const [missing, setMissing] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const add = useAddMilestone(projectId);
  const failure = missing ?? add.error;
  const errors = useFormErrors(failure, milestoneControls, milestoneFieldMessages(t));
  const form = useFocusFirstError(failure);
  const { next, previous } = neighbourStages(stage);
  const today = localToday();

  const choices: { value: ProjectStage | ''; label: string }[] = [
    { value: '', label: t('marketplace.milestones.keepStage', { stage: t(`marketplace.stage.${stage}`) }) },
  ];
  if (next) choices.push({ value: next, label: t('marketplace.milestones.moveTo', { stage: t(`marketplace.stage.${next}`) }) });
  if (previous) {
    choices.push({ value: previous, label: t('marketplace.milestones.backTo', { stage: t(`marketplace.stage.${previous}`) }) });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="milestone-form">
      <h2 id={`${id}-title`}>{t('marketplace.milestones.addTitle')}</h2>
      {done && (
        <p role="status" className="notice notice--success">
          {done}
        </p>
      )}
      <form
        ref={form}
        noValidate
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (add.isPending) return;
          const local = missingFields(note.trim() ? [] : ['note']);
          setMissing(local);
          setDone(null);
          if (local) return;
          const chosen = step || null;
          add.mutate(
            { note: note.trim(), occurred_on: occurredOn || null, stage: chosen },
            {
              onSuccess: () => {
                setDone(
                  chosen
                    ? t('marketplace.milestones.addedWithStage', { stage: t(`marketplace.stage.${chosen}`) })
                    : t('marketplace.milestones.added'),
                );
                setNote('');
                setOccurredOn('');
                setStep('');
              },
            },
          );
        }}
      >
        <FormAlert message={errors.general} />
        <TextAreaField
          name="note"
          label={t('marketplace.milestones.note')}
          hint={t('marketplace.milestones.noteHint')}
          rows={3}
          maxLength={2000}
          required
          value={note}
          onChange={(event) => setNote(event.target.value)}
          error={errors.fields.note}
        />
        <TextField
          name="occurred_on"
          type="date"
          label={t('marketplace.milestones.date')}
          hint={t('marketplace.milestones.dateHint')}
          max={today}
          value={occurredOn}
          onChange={(event) => setOccurredOn(event.target.value)}
          error={errors.fields.occurred_on}
        />
        <Fieldset legend={t('marketplace.milestones.stage')} error={errors.fields.stage}>
          {choices.map((choice) => (
            <label key={choice.value || 'same'} className="checkbox">
              <input
                type="radio"
                name="stage"
                value={choice.value}
                checked={step === choice.value}
                onChange={() => setStep(choice.value)}
                aria-invalid={errors.fields.stage && choice.value === step ? true : undefined}
              />
              {choice.label}
            </label>
          ))}
        </Fieldset>
        <SubmitButton pending={add.isPending} pendingLabel={t('form.sending')}>
          {t('marketplace.milestones.submit')}
        </SubmitButton>
      </form>
    </section>
  );
}
