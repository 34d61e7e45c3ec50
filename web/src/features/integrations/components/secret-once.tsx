import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface SecretOnceProps {
  title: string;
  warning: string;
  secret: string;
  onDone: () => void;
}

/**
 * A secret right after it is made (an API key, a webhook's signing secret): the one time this
 * page shows it. It stays until the owner says it is stored, and is then forgotten.
 */
export function SecretOnce({ title, warning, secret, onDone }: SecretOnceProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const labelId = useId();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <section aria-labelledby={titleId} className="panel api-key-secret">
      <h3 id={titleId} className="break-anywhere">
        {title}
      </h3>
      <p className="notice notice--warning">{warning}</p>
      <p id={labelId}>{t('integrations.keys.secretLabel')}</p>
      <code aria-labelledby={labelId}>{secret}</code>
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
