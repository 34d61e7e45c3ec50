import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormAlert, SubmitButton, TextField, formText, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { ApiError } from '@/lib/api/client';
import type { MemberRole } from '../api/get-organisation';
import { useInvite } from '../api/invitation-requests';

const controls = ['email', 'role'] as const;

/**
 * Owners invite someone by e-mail address, with a role. Nobody joins without accepting, and the
 * answer is the same whether or not the address has an account: the form says the invitation
 * left, never who received it.
 */
export function InviteMemberForm({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const invite = useInvite(organisationId);
  const [invited, setInvited] = useState<string | null>(null);
  const errors = useFormErrors(invite.error, controls);
  const form = useFocusFirstError(invite.error);
  const forbidden = invite.error instanceof ApiError && invite.error.status === 403;
  const unverified = invite.error instanceof ApiError && invite.error.problem?.code === 'email_not_verified';
  const general = forbidden && !unverified ? t('organisations.ownersOnly') : errors.general;

  return (
    <section aria-labelledby="invite-member-title" className="invite-member">
      <h3 id="invite-member-title">{t('organisations.inviteTitle')}</h3>
      <p className="field__hint">{t('organisations.inviteIntro')}</p>
      <form
        ref={form}
        noValidate
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          const element = event.currentTarget;
          const data = new FormData(element);
          setInvited(null);
          invite.mutate(
            { email: formText(data, 'email').trim(), role: formText(data, 'role') === 'owner' ? 'owner' : 'editor' },
            {
              onSuccess: (invitation) => {
                element.reset();
                setInvited(invitation.email);
              },
            },
          );
        }}
      >
        <FormAlert message={general} />
        <TextField
          name="email"
          type="email"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          label={t('organisations.inviteEmail')}
          maxLength={254}
          required
          error={errors.fields.email}
        />
        <Field label={t('organisations.role')} error={errors.fields.role}>
          {(control) => (
            <select className="input" name="role" defaultValue={'editor' satisfies MemberRole} {...control}>
              <option value="editor">{t('organisations.editor')}</option>
              <option value="owner">{t('organisations.owner')}</option>
            </select>
          )}
        </Field>
        <div className="form-actions">
          <SubmitButton pending={invite.isPending} pendingLabel={t('form.sending')}>
            {t('organisations.invite')}
          </SubmitButton>
          <p role="status" className={invited ? 'notice notice--success' : 'visually-hidden'}>
            {invited ? t('organisations.invited', { email: invited }) : ''}
          </p>
        </div>
      </form>
    </section>
  );
}
