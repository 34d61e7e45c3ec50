import '@/components/ui/marketplace.css';
import { useTranslation } from 'react-i18next';
import { formatDate } from '@/lib/format';
import type { Milestone } from '../api/get-project';

/**
 * The milestones, oldest first, as an ordered list: each with its date (`<time>`), the change of
 * stage it made if any, and its note.
 */
export function MilestoneTimeline({ milestones }: { milestones: readonly Milestone[] }) {
  const { t, i18n } = useTranslation();
  if (milestones.length === 0) return <p>{t('marketplace.milestones.none')}</p>;
  return (
    <ol className="timeline" aria-label={t('marketplace.milestones.listLabel')}>
      {milestones.map((milestone, index) => {
        let step: string | null = null;
        if (milestone.stage_from) {
          step = t('marketplace.milestones.moved', {
            from: t(`marketplace.stage.${milestone.stage_from}`),
            to: t(`marketplace.stage.${milestone.stage_to}`),
          });
        } else if (index === 0) {
          step = t('marketplace.milestones.started', { stage: t(`marketplace.stage.${milestone.stage_to}`) });
        }
        return (
          <li key={milestone.id}>
            <time className="timeline__date" dateTime={milestone.occurred_on}>
              {formatDate(milestone.occurred_on, i18n.language)}
            </time>
            {step && <span className="timeline__step">{step}</span>}
            <p className="timeline__note">{milestone.note}</p>
          </li>
        );
      })}
    </ol>
  );
}
