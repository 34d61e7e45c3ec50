import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useIntegrationTexts } from '@/lib/i18n-integrations';
import { ApiKeysPanel } from '../components/api-keys-panel';
import { WebhooksPanel } from '../components/webhooks-panel';
import { WidgetPanel } from '../components/widget-panel';

/** An organisation's integration settings (owners only): its API keys, webhooks and
 * the widget for its own site. */
export function IntegrationsRoute() {
  useIntegrationTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <article aria-labelledby="integrations-title" className="narrow">
      <p>
        <Link to={`/organisations/${id}`}>{t('integrations.backToOrganisation')}</Link>
      </p>
      <h1 id="integrations-title">{t('integrations.title')}</h1>
      <ApiKeysPanel organisationId={id} />
      <WebhooksPanel organisationId={id} />
      <WidgetPanel organisationId={id} />
    </article>
  );
}
