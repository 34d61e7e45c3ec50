import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiKey } from '../api/api-keys';

/**
 * The whole key, right after it is made: the one time it can be seen (the API keeps only its
 * hash). It stays until the owner says it is stored, and is then forgotten.
 */
export function ApiKeySecret({ apiKey, onDone }: { apiKey: CreatedApiKey; onDone: () => void }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(apiKey.secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <section aria-labelledby="api-key-secret-title" className="panel api-key-secret">
      <h3 id="api-key-secret-title" className="break-anywhere">
        {t('integrations.keys.secretTitle', { name: apiKey.name })}
      </h3>
      <p className="notice notice--warning">{t('integrations.keys.secretWarning')}</p>
      <p id="api-key-secret-label">{t('integrations.keys.secretLabel')}</p>
      <code aria-labelledby="api-key-secret-label">{apiKey.secret}</code>
      <p role="status">
        {copy === 'copied' && t('integrations.keys.copied')}
        {copy === 'failed' && t('integrations.keys.copyFailed')}
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void copySecret()}>
          {t('integrations.keys.copy')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('integrations.keys.done')}
        </button>
      </div>
    </section>
  );
}
