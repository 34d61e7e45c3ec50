import '../components/cooperation.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMyOrganisations } from '@/features/organisations';
import { frenchRegionName } from '@/lib/french-regions';
import { useCooperationTexts } from '@/lib/i18n-cooperation';
import { useTermLabels } from '@/lib/taxonomies/use-term-labels';
import { useConfirmLink, useLink, type CooperationLink } from '../api/cooperation';

type Side = CooperationLink['north'];

function AuthorityBlock({ side, title }: { side: Side; title: string }) {
  const { t } = useTranslation();
  const countries = useTermLabels('countries');
  // French regions have names here; other subdivisions keep their ISO code.
  const subdivision = side.subdivision ? frenchRegionName(side.subdivision, countries.lang) : null;
  return (
    <div>
      <h2>{title}</h2>
      <p>
        {side.organisation_id ? <Link to={`/organisations/${side.organisation_id}`}>{side.name}</Link> : side.name}
        <br />
        {t(`cooperation.level.${side.level}`)} · {side.place} · {countries.label(side.country)}
        {subdivision ? ` (${subdivision})` : ''}
        <br />
        {side.organisation_id && (side.confirmed ? t('cooperation.sideConfirmed') : t('cooperation.sideWaiting'))}
      </p>
      {side.organisation_id && (
        <p>
          <Link to={`/organisations/${side.organisation_id}/territory`}>{t('cooperation.territoryLink')}</Link>
        </p>
      )}
    </div>
  );
}

/** One cooperation link; a member of a side that has not confirmed yet may confirm it. */
export function LinkRoute() {
  useCooperationTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const link = useLink(id);
  const sectors = useTermLabels('sectors');
  const mine = useMyOrganisations();
  const confirm = useConfirmLink(id);
  if (link.isPending) return <LoadingNotice />;
  if (!link.data) return <ErrorNotice error={link.error} onRetry={() => void link.refetch()} />;
  const data = link.data;
  const memberOf = new Set((mine.data ?? []).map((membership) => membership.organisation_id));
  const waiting = [data.north, data.south].some(
    (side) => side.organisation_id && memberOf.has(side.organisation_id) && !side.confirmed,
  );
  return (
    <section aria-labelledby="link-title" className="cooperation-link">
      <p>
        <Link to="/cooperation">{t('cooperation.backToAtlas')}</Link>
      </p>
      <h1 id="link-title">
        {data.north.name} — {data.south.name}
      </h1>
      <p className="link-meta">
        {t(`cooperation.status.${data.status}`)}
        {data.started ? ` · ${t('cooperation.since', { year: data.started })}` : ''} ·{' '}
        {data.confirmed ? t('cooperation.confirmed') : t('cooperation.notConfirmed')}
      </p>
      {data.description && <p>{data.description}</p>}
      <div className="atlas-figures">
        <AuthorityBlock side={data.north} title={t('cooperation.north')} />
        <AuthorityBlock side={data.south} title={t('cooperation.south')} />
      </div>
      {data.themes.length > 0 && (
        <p>
          {t('cooperation.themes')} :{' '}
          {data.themes.map(sectors.label).join(', ')}
        </p>
      )}
      {data.project_ids.length > 0 && (
        <>
          <h2>{t('cooperation.linkedProjects')}</h2>
          <ul>
            {data.project_ids.map((project) => (
              <li key={project}>
                <Link to={`/projects/${project}`}>{project}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {waiting && (
        <p>
          <button type="button" className="button" disabled={confirm.isPending} onClick={() => confirm.mutate()}>
            {t('cooperation.confirm')}
          </button>
        </p>
      )}
      {confirm.isError && <ErrorNotice error={confirm.error} onRetry={() => confirm.mutate()} />}
    </section>
  );
}
