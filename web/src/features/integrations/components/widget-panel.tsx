import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The two lines a partner's site pastes to list the organisation's open opportunities. */
export function widgetSnippet(origin: string, organisationId: string, lang: string): string {
  return (
    `<div data-marcottage-opportunities data-organisation="${organisationId}" data-lang="${lang}" data-limit="5"></div>\n` +
    `<script src="${origin}/widget.js" async></script>`
  );
}

/**
 * The embeddable widget of an organisation: its snippet to copy and a page that shows it at
 * work. It reads public data only, so it needs no key.
 */
export function WidgetPanel({ organisationId }: { organisationId: string }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  const snippet = widgetSnippet(window.location.origin, organisationId, lang);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copySnippet = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <section aria-labelledby={titleId} className="panel">
      <h2 id={titleId}>{t('integrations.widget.title')}</h2>
      <p>{t('integrations.widget.intro')}</p>
      <pre className="widget-snippet">
        <code data-testid="widget-snippet">{snippet}</code>
      </pre>
      <p>
        <button type="button" onClick={() => void copySnippet()}>
          {t('integrations.widget.copy')}
        </button>{' '}
        <a href={`/widget?organisation=${organisationId}&lang=${lang}`} target="_blank" rel="noopener">
          {t('integrations.widget.preview')}
        </a>
      </p>
      <p role="status">
        {copy === 'copied' && t('integrations.keys.copied')}
        {copy === 'failed' && t('integrations.keys.copyFailed')}
      </p>
    </section>
  );
}
