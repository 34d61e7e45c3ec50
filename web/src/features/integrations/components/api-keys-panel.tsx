import './integrations.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { problemMessage } from '@/components/ui/form-errors';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { ApiError } from '@/lib/api/client';
import { scopeText, useApiKeys, useRevokeApiKey, type ApiKey, type CreatedApiKey } from '../api/api-keys';
import { SecretOnce } from './secret-once';
import { CreateApiKeyForm } from './create-api-key-form';

/**
 * An organisation's API keys (owners only): the list with what each may do and when it was last
 * used, a form to make one (whose secret is shown once) and revocation.
 */
export function ApiKeysPanel({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const keys = useApiKeys(organisationId);
  const revoke = useRevokeApiKey(organisationId);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);

  if (keys.isPending) return <LoadingNotice />;
  if (!keys.data) {
    if (keys.error instanceof ApiError && keys.error.status === 403) {
      return <p className="notice notice--error">{t('integrations.ownersOnly')}</p>;
    }
    return <ErrorNotice error={keys.error} onRetry={() => void keys.refetch()} />;
  }

  const onRevoke = (key: ApiKey) => {
    setRevoked(null);
    revoke.mutate(key, { onSuccess: () => setRevoked(key.name) });
  };

  return (
    <section aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">{t('integrations.keys.title')}</h2>
      <p>{t('integrations.keys.explanation')}</p>
      {created && (
        <SecretOnce
          title={t('integrations.keys.secretTitle', { name: created.name })}
          warning={t('integrations.keys.secretWarning')}
          secret={created.secret}
          onDone={() => setCreated(null)}
        />
      )}
      {revoke.isError && (
        <p role="alert" className="notice notice--error">
          {problemMessage(revoke.error, t)}
        </p>
      )}
      {revoked && (
        <p role="status" className="notice notice--success break-anywhere">
          {t('integrations.keys.revoked', { name: revoked })}
        </p>
      )}
      {keys.data.length === 0 ? (
        <p className="field__hint">{t('integrations.keys.none')}</p>
      ) : (
        <ul className="api-key-list" aria-label={t('integrations.keys.listLabel')}>
          {keys.data.map((key) => (
            <ApiKeyItem
              key={key.id}
              apiKey={key}
              pending={revoke.isPending && revoke.variables.id === key.id}
              onRevoke={() => onRevoke(key)}
            />
          ))}
        </ul>
      )}
      <CreateApiKeyForm
        organisationId={organisationId}
        onCreated={(key) => {
          setRevoked(null);
          setCreated(key);
        }}
      />
    </section>
  );
}

function ApiKeyItem({ apiKey, pending, onRevoke }: { apiKey: ApiKey; pending: boolean; onRevoke: () => void }) {
  const { t, i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'long' });
  const day = (value: string) => date.format(new Date(value));
  const scopeNames = apiKey.scopes.map((scope) => t(`integrations.keys.scopeShort.${scopeText(scope)}`)).join(', ');
  return (
    <li className="api-key">
      <p className="api-key__name">{apiKey.name}</p>
      <p className="api-key__facts">
        <code>{t('integrations.keys.prefix', { prefix: apiKey.prefix })}</code> ·{' '}
        {t('integrations.keys.scopes', { scopes: scopeNames })}
      </p>
      <p className="api-key__facts">
        {apiKey.revoked_at
          ? t('integrations.keys.revokedOn', { date: day(apiKey.revoked_at) })
          : apiKey.expires_at
            ? t('integrations.keys.expires', { date: day(apiKey.expires_at) })
            : t('integrations.keys.noExpiry')}{' '}
        ·{' '}
        {apiKey.last_used_at
          ? t('integrations.keys.lastUsed', { date: day(apiKey.last_used_at) })
          : t('integrations.keys.neverUsed')}
      </p>
      {apiKey.cors_origins.length > 0 && (
        <p className="api-key__facts break-anywhere">
          {t('integrations.keys.origins', { origins: apiKey.cors_origins.join(', '), count: apiKey.cors_origins.length })}
        </p>
      )}
      {!apiKey.revoked_at && (
        <div className="api-key__actions">
          <ConfirmAction
            danger
            label={t('integrations.keys.revoke')}
            accessibleLabel={t('integrations.keys.revokeLabel', { name: apiKey.name })}
            question={t('integrations.keys.confirmRevoke', { name: apiKey.name })}
            confirmLabel={t('integrations.keys.confirmRevokeButton')}
            cancelLabel={t('integrations.keys.cancel')}
            pending={pending}
            onConfirm={onRevoke}
          />
        </div>
      )}
    </li>
  );
}
