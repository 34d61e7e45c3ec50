import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DiasporaFigures } from '../api/cooperation';

type Shown = DiasporaFigures['total'];

function useShown() {
  const { t } = useTranslation();
  return (shown: Shown) =>
    shown.count !== null && shown.count !== undefined
      ? String(shown.count)
      : shown.fewer_than_5
        ? t('cooperation.fewerThan5')
        : t('cooperation.notShown');
}

/** Who lives in a territory, by country of origin: never a name, never a count under 5. */
export function DiasporaFiguresView({ figures }: { figures: DiasporaFigures }) {
  const { t } = useTranslation();
  const shown = useShown();
  return (
    <div className="diaspora-figures">
      <p>
        {t('cooperation.diasporaTotal', { subdivision: figures.subdivision })} <strong>{shown(figures.total)}</strong>
      </p>
      {figures.origins.length === 0 ? (
        <p className="notice">{t('cooperation.diasporaNone')}</p>
      ) : (
        <table>
          <caption>{t('cooperation.byOrigin')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cooperation.origin')}</th>
              <th scope="col">{t('cooperation.members')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.origins.map((origin) => (
              <tr key={origin.country}>
                <th scope="row">{origin.country}</th>
                <td>{shown(origin.members)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {figures.projects_seeking_partners.length > 0 && (
        <>
          <h3>{t('cooperation.seekingPartners')}</h3>
          <ul>
            {figures.projects_seeking_partners.map((project) => (
              <li key={project.id}>
                <Link to={`/projects/${project.id}`}>{project.title}</Link> ({project.countries.join(', ')})
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
