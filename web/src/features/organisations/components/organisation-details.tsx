import { useTranslation } from 'react-i18next';
import type { Organisation } from '../api/get-organisations';
import { placeOf } from './organisation-list';
import type { OrganisationLabels } from './use-organisation-labels';
import { VerifiedBadge } from './verified-badge';

/** Only web addresses become links: whatever the API let through, never `javascript:`. */
function isWebAddress(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** The public details of an organisation, under its name. */
export function OrganisationDetails({ organisation, labels }: { organisation: Organisation; labels: OrganisationLabels }) {
  const { t } = useTranslation();
  return (
    <>
      {organisation.verified && (
        <p>
          <VerifiedBadge /> <span className="notice">{t('organisations.verifiedExplanation')}</span>
        </p>
      )}
      <dl className="facts">
        <dt>{t('organisations.kind')}</dt>
        <dd>{labels.kindLabel(organisation.kind)}</dd>
        <dt>{t('organisations.place')}</dt>
        <dd>{placeOf(organisation, labels)}</dd>
        {organisation.website && (
          <>
            <dt>{t('organisations.website')}</dt>
            <dd className="break-anywhere">
              {isWebAddress(organisation.website) ? (
                <a href={organisation.website} rel="noopener noreferrer nofollow ugc">
                  {organisation.website}
                </a>
              ) : (
                organisation.website
              )}
            </dd>
          </>
        )}
      </dl>
      {organisation.description && <p className="organisation-description">{organisation.description}</p>}
    </>
  );
}
