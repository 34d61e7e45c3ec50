import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { problemMessage } from '@/components/ui/form-errors';
import { ApiError } from '@/lib/api/client';
import { useAnswerInvitation, useMyInvitations, type Answer, type ReceivedInvitation } from '../api/invitation-requests';

/** What the member's last answer came to. */
interface Outcome {
  ok: boolean;
  text: string;
  /** The organisation just joined, to go and see it. */
  joined?: { id: string; name: string };
}

/** The wording of a refused answer: 409 is an invitation answered already or expired. */
function answerProblem(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.status === 409) return t('organisations.invitationClosed');
  if (error instanceof ApiError && error.status === 404) return t('organisations.invitationGone');
  return problemMessage(error, t);
}

/**
 * The invitations waiting for the member's answer, on the organisations page: each says who
 * invites them, where and as what, with Accept and Decline. Nothing shows when there are none,
 * nor for visitors and unconfirmed addresses (which cannot answer).
 */
export function MyInvitations() {
  const { t, i18n } = useTranslation();
  const invitations = useMyInvitations();
  const answer = useAnswerInvitation();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const date = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'long' });
  const items = invitations.data ?? [];

  const reply = (invitation: ReceivedInvitation, choice: Answer) => {
    setOutcome(null);
    answer.mutate(
      { id: invitation.id, answer: choice },
      {
        onSuccess: () =>
          setOutcome(
            choice === 'accept'
              ? {
                  ok: true,
                  text: t('organisations.joined', { name: invitation.organisation_name }),
                  joined: { id: invitation.organisation_id, name: invitation.organisation_name },
                }
              : { ok: true, text: t('organisations.declined', { name: invitation.organisation_name }) },
          ),
        onError: (error) => setOutcome({ ok: false, text: answerProblem(error, t) }),
      },
    );
  };

  if (items.length === 0 && !outcome) return null;
  return (
    <section aria-labelledby="my-invitations-title" className="panel" id="invitations">
      <h2 id="my-invitations-title">{t('organisations.myInvitationsTitle')}</h2>
      <p role="status" className={outcome?.ok ? 'notice notice--success' : 'visually-hidden'}>
        {outcome?.ok ? outcome.text : ''}
        {outcome?.joined && (
          <>
            {' '}
            <Link to={`/organisations/${outcome.joined.id}`}>{t('organisations.seeOrganisation', { name: outcome.joined.name })}</Link>
          </>
        )}
      </p>
      {outcome?.ok === false && (
        <p role="alert" className="notice notice--error">
          {outcome.text}
        </p>
      )}
      {items.length > 0 && (
        <ul className="member-list" aria-label={t('organisations.myInvitationsLabel')}>
          {items.map((invitation) => {
            const pending = answer.isPending && answer.variables?.id === invitation.id;
            return (
              <li key={invitation.id} className="member">
                <p className="member__name">
                  {t('organisations.invitationFrom', {
                    inviter: invitation.invited_by.display_name,
                    organisation: invitation.organisation_name,
                    role: t(`organisations.${invitation.role}`),
                  })}
                </p>
                <p className="member__role">
                  {t('organisations.invitationExpires', { date: date.format(new Date(invitation.expires_at)) })}
                </p>
                <div className="member__actions">
                  <button
                    type="button"
                    className="button"
                    aria-label={t('organisations.roleActionLabel', {
                      action: t('organisations.accept'),
                      name: invitation.organisation_name,
                    })}
                    disabled={pending}
                    aria-busy={pending || undefined}
                    onClick={() => reply(invitation, 'accept')}
                  >
                    {t('organisations.accept')}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={t('organisations.roleActionLabel', {
                      action: t('organisations.decline'),
                      name: invitation.organisation_name,
                    })}
                    disabled={pending}
                    onClick={() => reply(invitation, 'decline')}
                  >
                    {t('organisations.decline')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
