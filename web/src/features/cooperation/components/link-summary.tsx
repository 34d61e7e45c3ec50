import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CooperationLink } from '../api/cooperation';

/** One link of the atlas: the two authorities, where, since when, its status. */
export function LinkSummary({ link }: { link: CooperationLink }) {
  const { t } = useTranslation();
  return (
    <article>
      <h2>
        <Link to={`/cooperation/${link.id}`}>
          {link.north.name} — {link.south.name}
        </Link>
      </h2>
      <p className="link-meta">
        {link.north.country} · {link.south.country}
        {link.started ? ` · ${t('cooperation.since', { year: link.started })}` : ''} ·{' '}
        {t(`cooperation.status.${link.status}`)}
        {link.confirmed ? ` · ${t('cooperation.confirmed')}` : ''}
      </p>
    </article>
  );
}
