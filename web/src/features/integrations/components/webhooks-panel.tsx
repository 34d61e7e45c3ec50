import './integrations.css';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { problemMessage } from '@/components/ui/form-errors';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { ApiError } from '@/lib/api/client';
import {
  eventText,
  useDeleteWebhook,
  useDeliveries,
  usePing,
  useRedeliver,
  useWebhooks,
  type Delivery,
  type Webhook,
} from '../api/webhooks';
import { CreateWebhookForm } from './create-webhook-form';
import { EditWebhookForm } from './edit-webhook-form';
import { SecretOnce } from './secret-once';

/**
 * An organisation's webhooks (owners only): the list, each with a ping, its deliveries log
 * (redelivery), a change form and a deletion asked first, and a form to add one whose signing
 * secret is shown once.
 */
export function WebhooksPanel({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const webhooks = useWebhooks(organisationId);
  const remove = useDeleteWebhook(organisationId);
  const [created, setCreated] = useState<Webhook | null>(null);
  // What the owner did last, said once above the list.
  const [done, setDone] = useState<string | null>(null);

  const onDelete = (webhook: Webhook) => {
    setDone(null);
    remove.mutate(webhook, { onSuccess: () => setDone(t('integrations.webhooks.deleted', { url: webhook.url })) });
  };

  let body;
  if (webhooks.isPending) body = <LoadingNotice />;
  else if (!webhooks.data) {
    if (webhooks.error instanceof ApiError && webhooks.error.status === 403) {
      return <p className="notice notice--error">{t('integrations.ownersOnlyWebhooks')}</p>;
    }
    body = <ErrorNotice error={webhooks.error} onRetry={() => void webhooks.refetch()} />;
  } else if (webhooks.data.length === 0) body = <p className="field__hint">{t('integrations.webhooks.none')}</p>;
  else {
    body = (
      <ul className="api-key-list" aria-label={t('integrations.webhooks.listLabel')}>
        {webhooks.data.map((webhook) => (
          <WebhookItem
            key={webhook.id}
            organisationId={organisationId}
            webhook={webhook}
            deleting={remove.isPending && remove.variables.id === webhook.id}
            onDelete={() => onDelete(webhook)}
            onSaved={() => setDone(t('integrations.webhooks.saved'))}
          />
        ))}
      </ul>
    );
  }

  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('integrations.webhooks.title')}</h2>
      <p>{t('integrations.webhooks.explanation')}</p>
      {created && (
        <SecretOnce
          title={t('integrations.webhooks.secretTitle', { url: created.url })}
          warning={t('integrations.webhooks.secretWarning')}
          secret={created.secret}
          onDone={() => setCreated(null)}
        />
      )}
      {remove.isError && (
        <p role="alert" className="notice notice--error">
          {problemMessage(remove.error, t)}
        </p>
      )}
      {done && (
        <p role="status" className="notice notice--success break-anywhere">
          {done}
        </p>
      )}
      {body}
      <CreateWebhookForm
        organisationId={organisationId}
        onCreated={(webhook) => {
          setDone(null);
          setCreated(webhook);
        }}
      />
    </section>
  );
}

interface WebhookItemProps {
  organisationId: string;
  webhook: Webhook;
  deleting: boolean;
  onDelete: () => void;
  onSaved: () => void;
}

function WebhookItem({ organisationId, webhook, deleting, onDelete, onSaved }: WebhookItemProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const ping = usePing(organisationId, webhook.id);
  const events = webhook.events.map((event) => t(`integrations.webhooks.event.${eventText(event)}`)).join(', ');
  return (
    <li className="api-key">
      <p className="api-key__name">{webhook.url}</p>
      <p className="api-key__facts">
        {t('integrations.webhooks.events', { events })}
        {!webhook.active && ` · ${t('integrations.webhooks.inactive')}`}
      </p>
      {ping.isError && (
        <p role="alert" className="notice notice--error">
          {problemMessage(ping.error, t)}
        </p>
      )}
      {ping.data && (
        <p role="status" className="api-key__facts">
          {t('integrations.webhooks.pingResult', { status: t(`integrations.webhooks.status.${ping.data.status}`) })}
          {ping.data.attempts[0] && <> · {attemptText(ping.data.attempts[0], t, i18n.resolvedLanguage)}</>}
        </p>
      )}
      <div className="api-key__actions form-actions">
        <button
          type="button"
          className="button button--secondary"
          aria-label={t('integrations.webhooks.pingLabel', { url: webhook.url })}
          disabled={ping.isPending}
          aria-busy={ping.isPending || undefined}
          onClick={() => ping.mutate()}
        >
          {t('integrations.webhooks.ping')}
        </button>
        <button type="button" className="button button--secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('integrations.webhooks.hideDeliveries') : t('integrations.webhooks.showDeliveries')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={editing}
          aria-label={t('integrations.webhooks.editLabel', { url: webhook.url })}
          onClick={() => setEditing(!editing)}
        >
          {t('integrations.webhooks.edit')}
        </button>
        <ConfirmAction
          danger
          label={t('integrations.webhooks.delete')}
          accessibleLabel={t('integrations.webhooks.deleteLabel', { url: webhook.url })}
          question={t('integrations.webhooks.confirmDelete', { url: webhook.url })}
          confirmLabel={t('integrations.webhooks.confirmDeleteButton')}
          cancelLabel={t('integrations.keys.cancel')}
          pending={deleting}
          onConfirm={onDelete}
        />
      </div>
      {editing && (
        <EditWebhookForm
          organisationId={organisationId}
          webhook={webhook}
          onDone={(saved) => {
            setEditing(false);
            if (saved) onSaved();
          }}
        />
      )}
      {open && <Deliveries organisationId={organisationId} webhook={webhook} />}
    </li>
  );
}

function attemptText(attempt: Delivery['attempts'][number], t: TFunction, lang?: string): string {
  const date = new Date(attempt.attempted_at).toLocaleString(lang);
  return attempt.status_code != null
    ? t('integrations.webhooks.attempt', { date, code: attempt.status_code, latency: attempt.latency_ms })
    : t('integrations.webhooks.attemptUnreached', { date, error: attempt.error ?? '', latency: attempt.latency_ms });
}

function Deliveries({ organisationId, webhook }: { organisationId: string; webhook: Webhook }) {
  const { t, i18n } = useTranslation();
  const deliveries = useDeliveries(organisationId, webhook.id, { enabled: true });
  const redeliver = useRedeliver(organisationId, webhook.id);
  const when = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' });

  if (deliveries.isPending) return <LoadingNotice />;
  if (!deliveries.data) return <ErrorNotice error={deliveries.error} onRetry={() => void deliveries.refetch()} />;
  if (deliveries.data.length === 0) return <p className="field__hint">{t('integrations.webhooks.noDeliveries')}</p>;
  return (
    <>
      {redeliver.isError && (
        <p role="alert" className="notice notice--error">
          {problemMessage(redeliver.error, t)}
        </p>
      )}
      {redeliver.isSuccess && <p role="status">{t('integrations.webhooks.redelivered')}</p>}
      <ul className="api-key-list" aria-label={t('integrations.webhooks.deliveriesLabel', { url: webhook.url })}>
        {deliveries.data.map((delivery) => (
          <li key={delivery.id} className="api-key">
            <p className="api-key__facts">
              {t('integrations.webhooks.delivery', {
                event: delivery.event_type,
                status: t(`integrations.webhooks.status.${delivery.status}`),
                date: when.format(new Date(delivery.created_at)),
              })}
            </p>
            {delivery.attempts.map((attempt) => (
              <p key={attempt.attempted_at} className="api-key__facts">
                {attemptText(attempt, t, i18n.resolvedLanguage)}
              </p>
            ))}
            <div className="api-key__actions">
              <button
                type="button"
                className="button button--secondary"
                disabled={redeliver.isPending && redeliver.variables === delivery.id}
                onClick={() => redeliver.mutate(delivery.id)}
              >
                {t('integrations.webhooks.redeliver')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
