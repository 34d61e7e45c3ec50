import '@/components/ui/contacts.css';
import '@/components/ui/marketplace.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { problemMessage } from '@/components/ui/form-errors';
import { LoadMore } from '@/components/ui/load-more';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { formatDate } from '@/lib/format';
import { useAccountTexts } from '@/lib/i18n-account';
import { useContactTexts } from '@/lib/i18n-contacts';
import { noticeOf, useMarkRead, useNotifications } from '../api/notification-requests';

/** The member's notifications, newest first: each leads to its page (and is then read); one or all can be marked read. */
export function NotificationsRoute() {
  useAccountTexts();
  useContactTexts();
  const { t, i18n } = useTranslation();
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const items = notifications.data?.pages.flatMap((page) => page.items) ?? [];
  const unread = notifications.data?.pages[0]?.unread ?? 0;

  let body;
  if (notifications.isPending) body = <LoadingNotice />;
  else if (!notifications.data) body = <ErrorNotice error={notifications.error} onRetry={() => void notifications.refetch()} />;
  else if (items.length === 0) body = <p className="notice">{t('contacts.notifications.none')}</p>;
  else {
    body = (
      <>
        <ul className="result-list" aria-label={t('contacts.notifications.listLabel')}>
          {items.map((notification) => {
            const { title, link } = noticeOf(notification);
            const read = () => {
              if (!notification.read) markRead.mutate(notification.id);
            };
            return (
              <li key={notification.id} className={notification.read ? undefined : 'notification--unread'}>
                <p className="result__title">
                  {link ? (
                    <Link to={link} onClick={read}>
                      {title}
                    </Link>
                  ) : (
                    title
                  )}
                </p>
                <p className="result__meta">
                  {!notification.read && <span className="badge badge--unread">{t('contacts.notifications.unread')}</span>}
                  <time dateTime={notification.created_at}>{formatDate(notification.created_at, i18n.language)}</time>
                </p>
                {!notification.read && (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('contacts.notifications.markReadLabel', { title })}
                    disabled={markRead.isPending}
                    onClick={read}
                  >
                    {t('contacts.notifications.markRead')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        <LoadMore list={notifications} label={t('contacts.notifications.more')} />
      </>
    );
  }

  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t('contacts.notifications.title')}</h1>
      {unread > 0 && (
        <p className="result__meta">
          <span>{t('contacts.notifications.unreadCount', { count: unread })}</span>
          <button
            type="button"
            className="button button--secondary"
            disabled={markRead.isPending}
            aria-busy={markRead.isPending || undefined}
            onClick={() => markRead.mutate(undefined)}
          >
            {t('contacts.notifications.markAllRead')}
          </button>
        </p>
      )}
      {markRead.error ? (
        <p role="alert" className="notice notice--error">
          {problemMessage(markRead.error, t)}
        </p>
      ) : null}
      {body}
    </section>
  );
}
