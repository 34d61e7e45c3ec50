import { useTranslation } from 'react-i18next';

/** "Verified": checked by a facilitator. The tick is decoration; the word is what is read. */
export function VerifiedBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge--verified">
      <span aria-hidden="true">✓ </span>
      {t('organisations.verified')}
    </span>
  );
}
