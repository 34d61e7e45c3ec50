import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CheckboxField,
  Fieldset,
  FormAlert,
  SubmitButton,
  TextField,
  useFocusFirstError,
  useFormErrors,
} from '@/components/ui/form';
import { createIdempotencyKeys } from '@/lib/api/idempotency';
import { eventText, eventTypes, useCreateWebhook, type EventType, type Webhook } from '../api/webhooks';

const controls = ['url', 'events'] as const;

/** The form that registers a webhook; `onCreated` receives it, signing secret included. */
export function CreateWebhookForm({ organisationId, onCreated }: { organisationId: string; onCreated: (webhook: Webhook) => void }) {
  const { t } = useTranslation();
  const create = useCreateWebhook(organisationId);
  const [keyFor] = useState(createIdempotencyKeys);
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<EventType[]>(['opportunity.created']);
  const [noEvent, setNoEvent] = useState(false);
  const errors = useFormErrors(create.error, controls);
  const form = useFocusFirstError(create.error);

  const toggle = (event: EventType, on: boolean) =>
    setChosen((current) => (on ? eventTypes.filter((e) => e === event || current.includes(e)) : current.filter((e) => e !== event)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNoEvent(chosen.length === 0);
    if (chosen.length === 0) return;
    const webhook = { url: url.trim(), events: chosen };
    create.mutate(
      { webhook, idempotencyKey: keyFor(webhook) },
      {
        onSuccess: (created) => {
          setUrl('');
          onCreated(created);
        },
      },
    );
  };

  return (
    <section aria-labelledby="create-webhook-title">
      <h3 id="create-webhook-title">{t('integrations.webhooks.createTitle')}</h3>
      <form ref={form} onSubmit={submit} noValidate>
        <FormAlert message={errors.general} />
        <TextField
          name="url"
          type="url"
          inputMode="url"
          label={t('integrations.webhooks.url')}
          hint={t('integrations.webhooks.urlHint')}
          error={errors.fields.url}
          value={url}
          required
          onChange={(event) => setUrl(event.target.value)}
        />
        <Fieldset
          legend={t('integrations.webhooks.eventsLegend')}
          error={noEvent ? t('integrations.webhooks.eventRequired') : errors.fields.events}
        >
          {eventTypes.map((type) => (
            <CheckboxField
              key={type}
              name="events"
              label={t(`integrations.webhooks.event.${eventText(type)}`)}
              checked={chosen.includes(type)}
              onChange={(on) => toggle(type, on)}
            />
          ))}
        </Fieldset>
        <SubmitButton pending={create.isPending} pendingLabel={t('integrations.webhooks.creating')}>
          {t('integrations.webhooks.create')}
        </SubmitButton>
      </form>
    </section>
  );
}
