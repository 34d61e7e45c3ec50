import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTermLabels } from '@/lib/taxonomies/use-term-labels';
import type { CooperationLink } from '../api/cooperation';

/** One link of the atlas: the two authorities, their countries by name, since when, its status. */
export function LinkSummary({ link }: { link: CooperationLink }) {
  const { t } = useTranslation();
  // One cached list for every link of the page (the query is shared).
  const countries = useTermLabels('countries');
  return (
    <article>
      <h2>
        <Link to={`/cooperation/${link.id}`}>
          {link.north.name} — {link.south.name}
        </Link>
      </h2>
      <p className="link-meta">
        {countries.label(link.north.country)} · {countries.label(link.south.country)}
        {link.started ? ` · ${t('cooperation.since', { year: link.started })}` : ''} ·{' '}
        {t(`cooperation.status.${link.status}`)}
        {link.confirmed ? ` · ${t('cooperation.confirmed')}` : ''}
      </p>
    </article>
  );
}
