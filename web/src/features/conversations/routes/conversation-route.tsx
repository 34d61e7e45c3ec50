import '@/components/ui/contacts.css';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FormAlert, SubmitButton, TextAreaField, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { missingFields, type FieldMessages } from '@/components/ui/form-errors';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMe } from '@/features/auth';
import { joinList } from '@/lib/format';
import { ApiError } from '@/lib/api/client';
import { createIdempotencyKeys } from '@/lib/api/idempotency';
import { useAccountTexts } from '@/lib/i18n-account';
import { useContactTexts } from '@/lib/i18n-contacts';
import { useConversation, useMessages, useSendMessage, type Conversation } from '../api/conversation-requests';
import { othersIn } from '../components/participants';

/** A message's time, to the minute, as the reader writes it. */
function formatTime(value: string, lang: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** One conversation: its messages oldest to newest (older pages on demand), and the box to write. */
export function ConversationRoute() {
  useAccountTexts();
  useContactTexts();
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const conversation = useConversation(id);
  const me = useMe();

  const back = (
    <p>
      <Link to="/conversations">{t('contacts.conversations.backToList')}</Link>
    </p>
  );
  if (conversation.isPending) return <LoadingNotice />;
  if (!conversation.data) {
    if (conversation.error instanceof ApiError && conversation.error.status === 404) {
      return (
        <section aria-labelledby="conversation-title">
          <h1 id="conversation-title">{t('contacts.conversations.notFoundTitle')}</h1>
          <p>{t('contacts.conversations.notFoundBody')}</p>
          {back}
        </section>
      );
    }
    return <ErrorNotice error={conversation.error} onRetry={() => void conversation.refetch()} />;
  }
  const item = conversation.data;
  return (
    <section aria-labelledby="conversation-title" className="narrow">
      {back}
      <h1 id="conversation-title" className="break-anywhere">
        {t('contacts.conversations.with', { names: joinList(othersIn(item, me.data?.profile.id), i18n.language) })}
      </h1>
      {item.interest_id && (
        <p className="lead">
          <Link to={`/interests/${item.interest_id}`}>{t('contacts.conversations.fromInterest')}</Link>
        </p>
      )}
      {item.introduction_id && (
        <p className="lead">
          <Link to={`/introductions/${item.introduction_id}`}>{t('contacts.conversations.fromIntroduction')}</Link>
        </p>
      )}
      <Messages conversation={item} me={me.data?.profile.id} />
      <SendBox conversationId={item.id} />
    </section>
  );
}

function Messages({ conversation, me }: { conversation: Conversation; me: string | undefined }) {
  const { t, i18n } = useTranslation();
  const messages = useMessages(conversation.id);
  const names = new Map(conversation.participants.map((person) => [person.user_id, person.display_name]));

  if (messages.isPending) return <LoadingNotice />;
  if (!messages.data) return <ErrorNotice error={messages.error} onRetry={() => void messages.refetch()} />;
  // The API gives the newest first; a conversation reads from the oldest.
  const items = messages.data.pages.flatMap((page) => page.items).reverse();
  return (
    <>
      {messages.isFetchNextPageError ? (
        <ErrorNotice error={messages.error} onRetry={() => void messages.fetchNextPage()} />
      ) : (
        messages.hasNextPage && (
          <button
            type="button"
            className="button button--secondary load-more"
            disabled={messages.isFetchingNextPage}
            aria-busy={messages.isFetchingNextPage || undefined}
            onClick={() => void messages.fetchNextPage()}
          >
            {messages.isFetchingNextPage ? t('status.loading') : t('contacts.conversations.loadOlder')}
          </button>
        )
      )}
      {items.length === 0 ? (
        <p className="notice">{t('contacts.conversations.empty')}</p>
      ) : (
        <ol className="message-list" aria-label={t('contacts.conversations.messagesLabel')}>
          {items.map((message) => {
            const mine = message.author_id === me;
            return (
              <li key={message.id} className={mine ? 'message message--mine' : 'message'}>
                <span className="message__meta">
                  {mine ? t('contacts.conversations.you') : (names.get(message.author_id) ?? t('contacts.conversations.formerMember'))}
                  {' · '}
                  <time dateTime={message.created_at}>{formatTime(message.created_at, i18n.language)}</time>
                </span>
                <p className="message__body">{message.body}</p>
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}

const messageControls = ['body'] as const;

function messageFieldMessages(t: TFunction): FieldMessages {
  return (_error, control) => (control === 'body' ? t('contacts.conversations.messageLength') : undefined);
}

function SendBox({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState<ApiError | null>(null);
  // One key while the same message is retried; a new series once it is sent, so that the same
  // words written again later make a new message.
  const [keyFor, setKeyFor] = useState(createIdempotencyKeys);
  const send = useSendMessage(conversationId);
  const failure = missing ?? send.error;
  const errors = useFormErrors(failure, messageControls, messageFieldMessages(t));
  const form = useFocusFirstError(failure);

  return (
    <form
      ref={form}
      noValidate
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (send.isPending) return;
        const text = body.trim();
        const local = missingFields(text ? [] : ['body']);
        setMissing(local);
        if (local) return;
        send.mutate({ body: text, idempotencyKey: keyFor({ conversationId, text }) }, {
          onSuccess: () => {
            setBody('');
            setKeyFor(() => createIdempotencyKeys());
          },
        });
      }}
    >
      <FormAlert message={errors.general} />
      <TextAreaField
        name="body"
        label={t('contacts.conversations.message')}
        rows={3}
        maxLength={5000}
        required
        value={body}
        onChange={(event) => setBody(event.target.value)}
        error={errors.fields.body}
      />
      <SubmitButton pending={send.isPending} pendingLabel={t('form.sending')}>
        {t('contacts.conversations.send')}
      </SubmitButton>
    </form>
  );
}
