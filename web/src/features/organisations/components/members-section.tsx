import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { problemMessage } from '@/components/ui/form-errors';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { ApiError } from '@/lib/api/client';
import { useOrganisationMembers, type OrganisationMember, type Viewer } from '../api/get-organisation';
import type { Organisation } from '../api/get-organisations';
import { useChangeMemberRole, useRemoveMember } from '../api/member-requests';
import { InviteMemberForm } from './invite-member-form';
import { PendingInvitations } from './pending-invitations';

/** What the last change of a member came to, said in the section. */
interface Outcome {
  ok: boolean;
  text: string;
}

/** The wording of a refused member change: 409 is the last-owner rule, said plainly. */
function memberProblem(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.status === 409) return t('organisations.lastOwner');
  if (error instanceof ApiError && error.status === 403) return t('organisations.ownersOnly');
  return problemMessage(error, t);
}

interface MembersSectionProps {
  organisation: Organisation;
  viewer: Viewer;
}

/**
 * The members and their roles, for everyone. Owners also change roles, remove members, invite
 * new ones and withdraw pending invitations; any member may leave. The API has the last word:
 * an organisation keeps an owner.
 */
export function MembersSection({ organisation, viewer }: MembersSectionProps) {
  const { t, i18n } = useTranslation();
  const members = useOrganisationMembers(organisation.id);
  const change = useChangeMemberRole(organisation.id);
  const remove = useRemoveMember(organisation.id);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const isOwner = viewer.role === 'owner';
  const date = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'long' });

  const failed = (error: unknown) => setOutcome({ ok: false, text: memberProblem(error, t) });
  const changeRole = (member: OrganisationMember) => {
    const role = member.role === 'owner' ? 'editor' : 'owner';
    setOutcome(null);
    change.mutate(
      { userId: member.user_id, role },
      {
        onSuccess: () =>
          setOutcome({
            ok: true,
            text: t(role === 'owner' ? 'organisations.becameOwner' : 'organisations.becameEditor', {
              name: member.display_name,
            }),
          }),
        onError: failed,
      },
    );
  };
  const removeMember = (member: OrganisationMember) => {
    const leaving = member.user_id === viewer.userId;
    setOutcome(null);
    remove.mutate(member.user_id, {
      onSuccess: () =>
        setOutcome({
          ok: true,
          text: leaving ? t('organisations.left') : t('organisations.removed', { name: member.display_name }),
        }),
      onError: failed,
    });
  };

  let list;
  if (members.isPending) list = <LoadingNotice />;
  else if (!members.data) list = <ErrorNotice error={members.error} onRetry={() => void members.refetch()} />;
  else {
    list = (
      <ul className="member-list" aria-label={t('organisations.membersLabel')}>
        {members.data.map((member) => {
          const self = member.user_id === viewer.userId;
          const action = member.role === 'owner' ? t('organisations.makeEditor') : t('organisations.makeOwner');
          return (
            <li key={member.user_id} className="member">
              <p className="member__name">
                {member.display_name}
                {self && ` ${t('organisations.you')}`}
              </p>
              <p className="member__role">
                {t(`organisations.${member.role}`)} ·{' '}
                {t('organisations.since', { date: date.format(new Date(member.joined_at)) })}
              </p>
              {isOwner && (
                <div className="member__actions">
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={t('organisations.roleActionLabel', { action, name: member.display_name })}
                    disabled={change.isPending}
                    onClick={() => changeRole(member)}
                  >
                    {action}
                  </button>
                  {!self && (
                    <ConfirmAction
                      label={t('organisations.remove')}
                      accessibleLabel={t('organisations.roleActionLabel', {
                        action: t('organisations.remove'),
                        name: member.display_name,
                      })}
                      question={t('organisations.confirmRemove', { name: member.display_name })}
                      confirmLabel={t('organisations.confirmRemoveButton')}
                      cancelLabel={t('organisations.cancel')}
                      pending={remove.isPending && remove.variables === member.user_id}
                      onConfirm={() => removeMember(member)}
                    />
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    );
  }

  const me = members.data?.find((member) => member.user_id === viewer.userId);
  return (
    <section aria-labelledby="members-title" className="panel">
      <h2 id="members-title">{t('organisations.membersTitle')}</h2>
      {/* Always there, so that screen readers announce the text when it appears. */}
      <p role="status" className={outcome?.ok ? 'notice notice--success' : 'visually-hidden'}>
        {outcome?.ok ? outcome.text : ''}
      </p>
      {outcome?.ok === false && (
        <p role="alert" className="notice notice--error">
          {outcome.text}
        </p>
      )}
      {list}
      {isOwner && <InviteMemberForm organisationId={organisation.id} />}
      {isOwner && <PendingInvitations organisationId={organisation.id} />}
      {me && (
        <ConfirmAction
          label={t('organisations.leave')}
          question={t('organisations.confirmLeave', { name: organisation.name })}
          confirmLabel={t('organisations.confirmLeaveButton')}
          cancelLabel={t('organisations.cancel')}
          pending={remove.isPending && remove.variables === me.user_id}
          onConfirm={() => removeMember(me)}
        />
      )}
    </section>
  );
}
