import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

const notices = [
  'loggedOut',
  'accountDeleted',
  'organisationCreated',
  'organisationSaved',
  'organisationDeleted',
  'projectDrafted',
  'projectPublished',
  'projectSaved',
  'projectDeleted',
  'opportunityPublished',
  'opportunitySaved',
  'opportunityDeleted',
] as const;
type Notice = (typeof notices)[number];

function noticeOf(state: unknown): Notice | null {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return null;
  const { notice } = state;
  return notices.find((known) => known === notice) ?? null;
}

/**
 * A one-time message carried by a navigation (`navigate(to, { state: { notice } })`), for what
 * happened on the way here: logged out, account deleted, an organisation, project or opportunity created, saved or deleted.
 */
export function FlashNotice() {
  const { t } = useTranslation();
  const notice = noticeOf(useLocation().state);
  if (!notice) return null;
  return (
    <p role="status" className="notice notice--success">
      {t(`notices.${notice}`)}
    </p>
  );
}
