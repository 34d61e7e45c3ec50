import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, SubmitButton, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { createIdempotencyKeys } from '@/lib/api/idempotency';
import { useCreateWebhook, type EventType, type Webhook } from '../api/webhooks';
import { WebhookFields } from './webhook-fields';

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
        <WebhookFields
          url={url}
          onUrl={setUrl}
          events={chosen}
          onEvents={setChosen}
          noEvent={noEvent}
          fieldErrors={errors.fields}
        />
        <SubmitButton pending={create.isPending} pendingLabel={t('integrations.webhooks.creating')}>
          {t('integrations.webhooks.create')}
        </SubmitButton>
      </form>
    </section>
  );
}
