import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, FormAlert, SubmitButton, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { useChangeWebhook, type EventType, type Webhook, type WebhookChanges } from '../api/webhooks';
import { WebhookFields } from './webhook-fields';

const controls = ['url', 'events', 'active'] as const;

/** Only what the owner changed: absent fields stay as they are on the server. */
function changesOf(webhook: Webhook, url: string, events: readonly EventType[], active: boolean): WebhookChanges {
  const changes: WebhookChanges = {};
  if (url !== webhook.url) changes.url = url;
  const sameEvents = events.length === webhook.events.length && events.every((event) => webhook.events.includes(event));
  if (!sameEvents) changes.events = [...events];
  if (active !== webhook.active) changes.active = active;
  return changes;
}

/** Changes a webhook's address, events or pause, against the version the list showed. */
export function EditWebhookForm({
  organisationId,
  webhook,
  onDone,
}: {
  organisationId: string;
  webhook: Webhook;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const change = useChangeWebhook(organisationId);
  const [url, setUrl] = useState(webhook.url);
  const [chosen, setChosen] = useState<EventType[]>(webhook.events);
  const [active, setActive] = useState(webhook.active);
  const [noEvent, setNoEvent] = useState(false);
  const errors = useFormErrors(change.error, controls);
  const form = useFocusFirstError(change.error);


  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNoEvent(chosen.length === 0);
    if (chosen.length === 0) return;
    const changes = changesOf(webhook, url.trim(), chosen, active);
    if (Object.keys(changes).length === 0) return onDone(false);
    change.mutate({ webhook, changes }, { onSuccess: () => onDone(true) });
  };

  return (
    <form ref={form} onSubmit={submit} noValidate aria-label={t('integrations.webhooks.editTitle')}>
      <FormAlert message={errors.general} />
      <WebhookFields
        url={url}
        onUrl={setUrl}
        events={chosen}
        onEvents={setChosen}
        noEvent={noEvent}
        fieldErrors={errors.fields}
      />
      <CheckboxField name="active" label={t('integrations.webhooks.active')} checked={active} onChange={setActive} />
      <div className="form-actions">
        <SubmitButton pending={change.isPending} pendingLabel={t('integrations.webhooks.saving')}>
          {t('integrations.webhooks.save')}
        </SubmitButton>
        <button type="button" className="button button--secondary" onClick={() => onDone(false)}>
          {t('integrations.keys.cancel')}
        </button>
      </div>
    </form>
  );
}
