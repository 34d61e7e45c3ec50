import '@/components/ui/contacts.css';
import '@/components/ui/marketplace.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { problemMessage } from '@/components/ui/form-errors';
import { ApiError } from '@/lib/api/client';
import { formatDate } from '@/lib/format';
import { useAnswerInterest, type Interest, type InterestAnswer, type InterestBox } from '../api/interest-requests';

/** The page of an interest's target. */
export function targetPath(target: Interest['target']): string {
  return target.kind === 'project' ? `/projects/${target.id}` : `/opportunities/${target.id}`;
}

interface InterestCardProps {
  interest: Interest;
  /** Whether the member sent it (withdraw) or received it (accept, decline). */
  box: InterestBox;
  headingLevel?: 2 | 3;
}

/**
 * One interest: what it is about, from whom, the message, where it stands (with the answer
 * deadline and an "overdue" mark), and the member's possible answers. Once accepted, each side
 * sees the other's name and e-mail address and the way to the conversation.
 */
export function InterestCard({ interest, box, headingLevel = 2 }: InterestCardProps) {
  const { t, i18n } = useTranslation();
  const answer = useAnswerInterest();
  const [done, setDone] = useState<InterestAnswer | null>(null);
  const Heading = `h${headingLevel}` as const;
  const lang = i18n.language;
  const title = interest.target.title;
  const name = interest.sender.display_name;
  const pending = interest.status === 'pending';

  const act = (value: InterestAnswer) => {
    setDone(null);
    answer.mutate({ id: interest.id, answer: value }, { onSuccess: () => setDone(value) });
  };
  const failure =
    answer.error instanceof ApiError && answer.error.status === 409
      ? t('contacts.interests.conflict')
      : answer.error
        ? problemMessage(answer.error, t)
        : null;
  const doneText = { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' } as const;

  return (
    <article className="contact-card">
      <Heading className="result__title">
        {title ? (
          <Link to={targetPath(interest.target)}>{t('contacts.interests.about', { title })}</Link>
        ) : (
          t('contacts.interests.about', { title: t('contacts.interests.deletedItem') })
        )}
      </Heading>
      <p className="result__meta">
        <span className={`badge badge--${interest.status}`}>{t(`contacts.interests.status.${interest.status}`)}</span>
        {interest.overdue && <span className="badge badge--overdue">{t('contacts.interests.overdue')}</span>}
        {box === 'received' && <span>{t('contacts.interests.from', { name })}</span>}
      </p>
      <p className="result__meta">
        <span>{t('contacts.interests.sentOn', { date: formatDate(interest.created_at, lang) })}</span>
        {pending && <span>{t('contacts.interests.answerBy', { date: formatDate(interest.answer_by, lang) })}</span>}
      </p>
      <p className="contact-card__message">{interest.message}</p>
      {interest.counterpart && (
        <p>
          <strong>{t('contacts.interests.contact')}</strong>{' '}
          {interest.counterpart.display_name} —{' '}
          <a href={`mailto:${interest.counterpart.email}`}>{interest.counterpart.email}</a>
        </p>
      )}
      {interest.conversation_id && (
        <p>
          <Link className="button button--secondary" to={`/conversations/${interest.conversation_id}`}>
            {t('contacts.interests.openConversation')}
          </Link>
        </p>
      )}
      {done && (
        <p role="status" className="notice notice--success">
          {t(`contacts.interests.${doneText[done]}`)}
        </p>
      )}
      {failure && (
        <p role="alert" className="notice notice--error">
          {failure}
        </p>
      )}
      {pending && box === 'received' && (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            aria-label={t('contacts.interests.acceptLabel', { name })}
            disabled={answer.isPending}
            aria-busy={answer.isPending || undefined}
            onClick={() => act('accept')}
          >
            {t('contacts.interests.accept')}
          </button>
          <ConfirmAction
            label={t('contacts.interests.decline')}
            accessibleLabel={t('contacts.interests.declineLabel', { name })}
            question={t('contacts.interests.declineQuestion', { name })}
            confirmLabel={t('contacts.interests.confirmDecline')}
            cancelLabel={t('contacts.interests.keep')}
            pending={answer.isPending}
            onConfirm={() => act('decline')}
          />
        </div>
      )}
      {pending && box === 'sent' && (
        <ConfirmAction
          label={t('contacts.interests.withdraw')}
          accessibleLabel={t('contacts.interests.withdrawLabel', { title: title ?? t('contacts.interests.deletedItem') })}
          question={t('contacts.interests.withdrawQuestion', { title: title ?? t('contacts.interests.deletedItem') })}
          confirmLabel={t('contacts.interests.confirmWithdraw')}
          cancelLabel={t('contacts.interests.keep')}
          pending={answer.isPending}
          onConfirm={() => act('withdraw')}
        />
      )}
    </article>
  );
}
