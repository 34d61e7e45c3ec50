import './marketplace.css';
import { useTranslation } from 'react-i18next';
import type { OpportunityStatus, ProjectStage, ProjectStatus } from '@/lib/taxonomies/vocabulary';

/** Where a project stands: idea, project or venture. */
export function StageBadge({ stage }: { stage: ProjectStage }) {
  const { t } = useTranslation();
  return <span className={`badge badge--stage badge--${stage}`}>{t(`marketplace.stage.${stage}`)}</span>;
}

type StatusBadgeProps =
  | { kind: 'project'; status: ProjectStatus }
  | { kind: 'opportunity'; status: OpportunityStatus };

/** A project's or opportunity's status, in words. */
export function StatusBadge(props: StatusBadgeProps) {
  const { t } = useTranslation();
  const text =
    props.kind === 'project'
      ? t(`marketplace.projectStatus.${props.status}`)
      : t(`marketplace.opportunityStatus.${props.status}`);
  return <span className={`badge badge--status badge--${props.status}`}>{text}</span>;
}
