import { useTranslation } from 'react-i18next';
import { CheckboxField, Fieldset, TextField } from '@/components/ui/form';
import { eventText, eventTypes, type EventType } from '../api/webhooks';

interface WebhookFieldsProps {
  url: string;
  onUrl: (url: string) => void;
  events: readonly EventType[];
  onEvents: (events: EventType[]) => void;
  /** The owner ticked no event (checked before sending). */
  noEvent: boolean;
  fieldErrors: Partial<Record<'url' | 'events', string>>;
}

/** Where a webhook posts and what it listens to: the same fields to register and to change one. */
export function WebhookFields({ url, onUrl, events, onEvents, noEvent, fieldErrors }: WebhookFieldsProps) {
  const { t } = useTranslation();
  // Ticked events keep the form's order, whatever the order they were ticked in.
  const toggle = (event: EventType, on: boolean) =>
    onEvents(on ? eventTypes.filter((e) => e === event || events.includes(e)) : events.filter((e) => e !== event));
  return (
    <>
      <TextField
        name="url"
        type="url"
        inputMode="url"
        label={t('integrations.webhooks.url')}
        hint={t('integrations.webhooks.urlHint')}
        error={fieldErrors.url}
        value={url}
        required
        onChange={(event) => onUrl(event.target.value)}
      />
      <Fieldset
        legend={t('integrations.webhooks.eventsLegend')}
        error={noEvent ? t('integrations.webhooks.eventRequired') : fieldErrors.events}
      >
        {eventTypes.map((type) => (
          <CheckboxField
            key={type}
            name="events"
            label={t(`integrations.webhooks.event.${eventText(type)}`)}
            checked={events.includes(type)}
            onChange={(on) => toggle(type, on)}
          />
        ))}
      </Fieldset>
    </>
  );
}
