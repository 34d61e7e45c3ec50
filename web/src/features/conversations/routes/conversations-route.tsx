import '@/components/ui/contacts.css';
import '@/components/ui/marketplace.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '@/components/ui/load-more';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMe } from '@/features/auth';
import { formatDate, joinList } from '@/lib/format';
import { useContactTexts } from '@/lib/i18n-contacts';
import { useConversations } from '../api/conversation-requests';
import { othersIn } from '../components/participants';

/** The member's conversations, most recent activity first, each with its unread count. */
export function ConversationsRoute() {
  useContactTexts();
  const { t, i18n } = useTranslation();
  const conversations = useConversations();
  const me = useMe();
  const items = conversations.data?.pages.flatMap((page) => page.items) ?? [];
  const lang = i18n.language;

  let body;
  if (conversations.isPending) body = <LoadingNotice />;
  else if (!conversations.data) body = <ErrorNotice error={conversations.error} onRetry={() => void conversations.refetch()} />;
  else if (items.length === 0) body = <p className="notice">{t('contacts.conversations.none')}</p>;
  else {
    body = (
      <>
        <ul className="result-list" aria-label={t('contacts.conversations.listLabel')}>
          {items.map((conversation) => (
            <li key={conversation.id} className={conversation.unread > 0 ? 'notification--unread' : undefined}>
              <h2 className="result__title">
                <Link to={`/conversations/${conversation.id}`}>
                  {t('contacts.conversations.with', { names: joinList(othersIn(conversation, me.data?.profile.id), lang) })}
                </Link>
              </h2>
              <p className="result__meta">
                {conversation.unread > 0 && (
                  <span className="badge badge--unread">{t('contacts.conversations.unread', { count: conversation.unread })}</span>
                )}
                <span>{t('contacts.conversations.lastActivity', { date: formatDate(conversation.last_activity_at, lang) })}</span>
              </p>
            </li>
          ))}
        </ul>
        <LoadMore list={conversations} label={t('contacts.conversations.more')} />
      </>
    );
  }

  return (
    <section aria-labelledby="conversations-title">
      <h1 id="conversations-title">{t('contacts.conversations.title')}</h1>
      {body}
    </section>
  );
}
