import '@/components/ui/contacts.css';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Fieldset,
  SelectField,
  SubmitButton,
  TextField,
  useFocusFirstError,
  useFormErrors,
  FormAlert,
} from '@/components/ui/form';
import { missingFields, type FieldMessages } from '@/components/ui/form-errors';
import { ApiError } from '@/lib/api/client';
import { channels as allChannels, frequencies, type Channel, type Frequency } from '../api/saved-search-requests';

/** What the member chooses for a saved search: its name, how often and by which channels. */
export interface AlertDraft {
  name: string;
  frequency: Frequency;
  channels: Channel[];
}

const alertControls = ['name', 'frequency', 'channels'] as const;

function alertFieldMessages(t: TFunction): FieldMessages {
  return (_error, control) => {
    if (control === 'name') return t('contacts.savedSearches.nameLength');
    if (control === 'channels') return t('contacts.savedSearches.channelsRequired');
    return undefined;
  };
}

interface SavedSearchFormProps {
  initial: AlertDraft;
  submitLabel: string;
  pending: boolean;
  /** The last failed submission (the API's or the form's). */
  error: unknown;
  onSubmit: (draft: AlertDraft) => void;
  onCancel: () => void;
}

/** The name, frequency (instant, daily, weekly) and channels (in the app, e-mail) of a saved search. */
export function SavedSearchForm({ initial, submitLabel, pending, error, onSubmit, onCancel }: SavedSearchFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AlertDraft>(initial);
  const [local, setLocal] = useState<ApiError | null>(null);
  const failure = local ?? error;
  const errors = useFormErrors(failure, alertControls, alertFieldMessages(t));
  const general =
    failure instanceof ApiError && failure.status === 409 ? t('contacts.savedSearches.tooMany') : errors.general;
  const form = useFocusFirstError(failure);

  return (
    <form
      ref={form}
      noValidate
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (pending) return;
        const empty = missingFields([
          ...(draft.name.trim() ? [] : ['name']),
          ...(draft.channels.length > 0 ? [] : ['channels']),
        ]);
        setLocal(empty);
        if (empty) return;
        onSubmit({ ...draft, name: draft.name.trim() });
      }}
    >
      <FormAlert message={general} />
      <TextField
        name="name"
        label={t('contacts.savedSearches.name')}
        hint={t('contacts.savedSearches.nameHint')}
        maxLength={100}
        required
        value={draft.name}
        onChange={(event) => setDraft({ ...draft, name: event.target.value })}
        error={errors.fields.name}
      />
      <SelectField
        name="frequency"
        label={t('contacts.savedSearches.frequency')}
        value={draft.frequency}
        choices={frequencies.map((value) => ({ value, label: t(`contacts.savedSearches.frequencies.${value}`) }))}
        onChange={(frequency) => setDraft({ ...draft, frequency })}
        error={errors.fields.frequency}
      />
      <Fieldset legend={t('contacts.savedSearches.channels')} error={errors.fields.channels}>
        {allChannels.map((channel) => (
          <label key={channel} className="checkbox">
            <input
              type="checkbox"
              name="channels"
              value={channel}
              checked={draft.channels.includes(channel)}
              aria-invalid={errors.fields.channels ? true : undefined}
              onChange={(event) =>
                setDraft({
                  ...draft,
                  channels: event.target.checked
                    ? allChannels.filter((each) => each === channel || draft.channels.includes(each))
                    : draft.channels.filter((each) => each !== channel),
                })
              }
            />
            {t(`contacts.savedSearches.channelNames.${channel}`)}
          </label>
        ))}
      </Fieldset>
      <div className="form-actions">
        <SubmitButton pending={pending} pendingLabel={t('form.saving')}>
          {submitLabel}
        </SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('contacts.savedSearches.cancel')}
        </button>
      </div>
    </form>
  );
}
