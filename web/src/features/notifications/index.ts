// The unread count in the account menu, and the cache keys a write that notifies refreshes.
export { notificationKeys } from './api/notification-requests';
export { NotificationsLink } from './components/notifications-link';
