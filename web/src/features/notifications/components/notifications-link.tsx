import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useUnreadNotifications } from '../api/notification-requests';

/**
 * The header's way to the notifications, with the number unread in a badge (read out with the
 * link's name). Shown to members only; its words are in the shell's `nav` section.
 */
export function NotificationsLink() {
  const { t } = useTranslation();
  const unread = useUnreadNotifications();
  const count = unread.data ?? 0;
  return (
    <NavLink
      to="/notifications"
      className="notifications-link"
      aria-label={count > 0 ? t('nav.notificationsUnread', { count }) : undefined}
    >
      {t('nav.notifications')}
      {count > 0 && (
        <span className="count-badge" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </NavLink>
  );
}
