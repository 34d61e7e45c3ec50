import { useTranslation } from 'react-i18next';
import { problemMessage } from '@/components/ui/form-errors';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useOrganisationInvitations, useWithdrawInvitation } from '../api/invitation-requests';

/** The invitations still waiting for an answer, each with a button to withdraw it (owners only). */
export function PendingInvitations({ organisationId }: { organisationId: string }) {
  const { t, i18n } = useTranslation();
  const invitations = useOrganisationInvitations(organisationId, { enabled: true });
  const withdraw = useWithdrawInvitation(organisationId);
  const date = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'long' });

  let body;
  if (invitations.isPending) body = <LoadingNotice />;
  else if (!invitations.data) body = <ErrorNotice error={invitations.error} onRetry={() => void invitations.refetch()} />;
  else if (invitations.data.length === 0) body = <p className="field__hint">{t('organisations.noPendingInvitations')}</p>;
  else {
    body = (
      <ul className="member-list" aria-label={t('organisations.pendingInvitationsLabel')}>
        {invitations.data.map((invitation) => (
          <li key={invitation.id} className="member">
            <p className="member__name">{invitation.email}</p>
            <p className="member__role">
              {t(`organisations.${invitation.role}`)} ·{' '}
              {t('organisations.invitationExpires', { date: date.format(new Date(invitation.expires_at)) })}
            </p>
            <div className="member__actions">
              <button
                type="button"
                className="button button--secondary"
                aria-label={t('organisations.roleActionLabel', { action: t('organisations.withdraw'), name: invitation.email })}
                disabled={withdraw.isPending && withdraw.variables === invitation.id}
                aria-busy={(withdraw.isPending && withdraw.variables === invitation.id) || undefined}
                onClick={() => withdraw.mutate(invitation.id)}
              >
                {t('organisations.withdraw')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <section aria-labelledby="pending-invitations-title">
      <h3 id="pending-invitations-title">{t('organisations.pendingInvitationsTitle')}</h3>
      {withdraw.error ? (
        <p role="alert" className="notice notice--error">
          {problemMessage(withdraw.error, t)}
        </p>
      ) : null}
      {body}
    </section>
  );
}
