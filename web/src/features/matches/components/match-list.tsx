import '@/components/ui/contacts.css';
import { useTranslation } from 'react-i18next';
import { OpportunitySummary } from '@/features/opportunities';
import { useTermLabels } from '@/lib/taxonomies/use-term-labels';
import type { Match } from '../api/get-matches';
import { formatScore, reasonWords, skillsOf, type ReasonLabels } from './reason-words';

interface MatchListProps {
  matches: readonly Match[];
  label: string;
}

/** Matched opportunities, best first: each with its score as a percentage and why, in the reader's words. */
export function MatchList({ matches, label }: MatchListProps) {
  const { t } = useTranslation();
  const countries = useTermLabels('countries');
  const sectors = useTermLabels('sectors');
  const regions = useTermLabels('regions');
  const languages = useTermLabels('languages');
  const categories = useTermLabels('opportunity-categories');
  const lang = countries.lang;
  const labels: ReasonLabels = {
    sector: sectors.label,
    country: countries.label,
    region: regions.label,
    language: languages.label,
  };

  return (
    <ul className="result-list" aria-label={label}>
      {matches.map((match) => (
        <li key={match.opportunity.id}>
          <OpportunitySummary
            opportunity={match.opportunity}
            countryLabel={countries.label}
            categoryLabel={categories.label}
            headingLevel={3}
          />
          <p className="match__score">{t('contacts.matches.score', { score: formatScore(match.score, lang) })}</p>
          {match.reasons.length > 0 && (
            <ul className="match__reasons" aria-label={t('contacts.matches.reasons')}>
              {match.reasons.map((reason) => (
                <li key={reason.criterion}>
                  {reasonWords(reason, t, { ...labels, skill: skillsOf(match.opportunity.skills) }, lang)}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
