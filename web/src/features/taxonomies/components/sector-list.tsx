import { useTranslation } from 'react-i18next';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { isLanguage } from '@/lib/i18n';
import { useTaxonomy } from '@/lib/taxonomies/get-taxonomy';
import { groupSectors } from '@/lib/taxonomies/group-sectors';

/** The OECD-DAC sectors, one collapsible group per 3-digit category, in the current language. */
export function SectorList() {
  const { t, i18n } = useTranslation();
  const lang = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'fr';
  const { data, error, isPending, isPlaceholderData, refetch } = useTaxonomy('sectors', lang);

  if (isPending) return <LoadingNotice />;
  if (!data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;

  const categories = groupSectors(data.items);
  if (categories.length === 0) return <p className="notice">{t('sectors.empty')}</p>;

  return (
    <>
      {isPlaceholderData && (
        <p role="status" className="notice">
          {t('status.updating')}
        </p>
      )}
      {/* `lang` is the labels' own: while the other language loads, these are still the old ones. */}
      <ul className="sector-list" lang={data.lang} aria-label={t('sectors.listLabel')} aria-busy={isPlaceholderData}>
        {categories.map((category) => (
          <li key={category.code}>
            <details>
              <summary>
                <span className="code">{category.code}</span> <span className="label">{category.label}</span>{' '}
                <span className="count">{t('sectors.count', { count: category.codes.length })}</span>
              </summary>
              <ul className="sector-codes">
                {category.codes.map((term) => (
                  <li key={term.code}>
                    <span className="code">{term.code}</span> <span className="label">{term.label}</span>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </>
  );
}
