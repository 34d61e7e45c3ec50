import '@/components/ui/contacts.css';
import '@/components/ui/marketplace.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { problemMessage } from '@/components/ui/form-errors';
import { ApiError } from '@/lib/api/client';
import { formatDate } from '@/lib/format';
import { useAnswerIntroduction, type Introduction, type IntroductionSide } from '../api/introduction-requests';

function sidePath(side: IntroductionSide): string | null {
  if (!side.item_id) return null;
  return side.kind === 'project' ? `/projects/${side.item_id}` : `/opportunities/${side.item_id}`;
}

function Side({ side, me }: { side: IntroductionSide; me: string | undefined }) {
  const { t } = useTranslation();
  const path = sidePath(side);
  const who =
    side.member?.user_id === me
      ? t('contacts.introductions.you')
      : (side.member?.display_name ?? (side.kind === 'member' ? null : t('contacts.introductions.anonymous')));
  const title = side.kind === 'member' ? null : (side.title ?? t('contacts.introductions.deleted'));
  return (
    <li>
      <strong>{t(`contacts.introductions.side.${side.kind}`)}</strong>{' '}
      {title && (path && side.title ? <Link to={path}>{title}</Link> : title)}
      {title && who ? ` (${who})` : who}
      {' · '}
      {t('contacts.introductions.answer', { status: t(`contacts.introductions.status.${side.answer}`) })}
    </li>
  );
}

interface IntroductionCardProps {
  introduction: Introduction;
  /** The member reading, to find their side. */
  me: string | undefined;
  headingLevel?: 2 | 3;
}

/**
 * A facilitator's introduction: who proposed it and why, its two sides with their answers, and
 * "Accept" and "Decline" for the reader's side while it is pending; the conversation once open.
 */
export function IntroductionCard({ introduction, me, headingLevel = 2 }: IntroductionCardProps) {
  const { t, i18n } = useTranslation();
  const answer = useAnswerIntroduction();
  const Heading = `h${headingLevel}` as const;
  const mine = [introduction.a, introduction.b].find((side) => side.member?.user_id === me);
  const mayAnswer = introduction.status === 'pending' && mine?.answer === 'pending';
  const failure =
    answer.error instanceof ApiError && answer.error.status === 409
      ? t('contacts.introductions.conflict')
      : answer.error
        ? problemMessage(answer.error, t)
        : null;

  return (
    <article className="contact-card">
      <Heading className="result__title">
        <Link to={`/introductions/${introduction.id}`}>
          {t('contacts.introductions.by', {
            name: introduction.facilitator.display_name,
            date: formatDate(introduction.created_at, i18n.language),
          })}
        </Link>
      </Heading>
      <p className="result__meta">
        <span className={`badge badge--${introduction.status}`}>
          {t(`contacts.introductions.status.${introduction.status}`)}
        </span>
      </p>
      <p className="contact-card__message">{introduction.note}</p>
      <ul aria-label={t('contacts.introductions.between')}>
        <Side side={introduction.a} me={me} />
        <Side side={introduction.b} me={me} />
      </ul>
      {introduction.conversation_id && (
        <p>
          <Link className="button button--secondary" to={`/conversations/${introduction.conversation_id}`}>
            {t('contacts.introductions.openConversation')}
          </Link>
        </p>
      )}
      {failure && (
        <p role="alert" className="notice notice--error">
          {failure}
        </p>
      )}
      {mayAnswer && (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={answer.isPending}
            aria-busy={answer.isPending || undefined}
            onClick={() => answer.mutate({ id: introduction.id, accept: true })}
          >
            {t('contacts.introductions.accept')}
          </button>
          <ConfirmAction
            label={t('contacts.introductions.decline')}
            question={t('contacts.introductions.declineQuestion')}
            confirmLabel={t('contacts.introductions.confirmDecline')}
            cancelLabel={t('contacts.introductions.keep')}
            pending={answer.isPending}
            onConfirm={() => answer.mutate({ id: introduction.id, accept: false })}
          />
        </div>
      )}
    </article>
  );
}
