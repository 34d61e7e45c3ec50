import '@/components/ui/contacts.css';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useContactTexts } from '@/lib/i18n-contacts';
import { useMatches, type MatchSource } from '../api/get-matches';
import { MatchList } from './match-list';

interface MatchesPanelProps {
  source: Extract<MatchSource, { kind: 'opportunity' | 'project' }>;
  /** A project that seeks no partner category has no offers to match: say what to do instead. */
  noNeeds?: boolean;
}

/** "Possible partners" beside an opportunity or a project: its best counterparts with their reasons. */
export function MatchesPanel({ source, noNeeds = false }: MatchesPanelProps) {
  useContactTexts();
  const { t } = useTranslation();
  const matches = useMatches(source, { enabled: !noNeeds });

  let body;
  if (noNeeds) body = <p className="notice">{t('contacts.matches.noNeeds')}</p>;
  else if (matches.isPending) body = <LoadingNotice />;
  else if (!matches.data) body = <ErrorNotice error={matches.error} onRetry={() => void matches.refetch()} />;
  else if (matches.data.length === 0) body = <p className="notice">{t('contacts.matches.none')}</p>;
  else body = <MatchList matches={matches.data} label={t('contacts.matches.listLabel')} />;

  return (
    <section aria-labelledby="matches-title" className="matches-panel">
      <h2 id="matches-title">{t('contacts.matches.title')}</h2>
      <p className="lead">
        {source.kind === 'project' ? t('contacts.matches.introProject') : t('contacts.matches.introOpportunity')}
      </p>
      {body}
    </section>
  );
}
