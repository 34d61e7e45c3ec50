import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormAlert, SubmitButton, TextField, formText, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import type { FieldMessages } from '@/components/ui/form-errors';
import { ApiError } from '@/lib/api/client';
import type { MemberRole } from '../api/get-organisation';
import { useAddMember } from '../api/member-requests';

const controls = ['email', 'role'] as const;

/** Owners add an existing Marcottage member by the e-mail address of their account. */
export function AddMemberForm({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const add = useAddMember(organisationId);
  const [added, setAdded] = useState<string | null>(null);
  const own: FieldMessages = (error) => (error.code === 'unknown_member' ? t('organisations.unknownMember') : undefined);
  const errors = useFormErrors(add.error, controls, own);
  const form = useFocusFirstError(add.error);
  const conflict = add.error instanceof ApiError && add.error.status === 409;
  const forbidden = add.error instanceof ApiError && add.error.status === 403;

  let general = errors.general;
  if (conflict) general = t('organisations.alreadyMember');
  else if (forbidden) general = t('organisations.ownersOnly');

  return (
    <section aria-labelledby="add-member-title">
      <h3 id="add-member-title">{t('organisations.addTitle')}</h3>
      <p className="field__hint">{t('organisations.addIntro')}</p>
      <form
        ref={form}
        noValidate
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          const element = event.currentTarget;
          const data = new FormData(element);
          setAdded(null);
          add.mutate(
            { email: formText(data, 'email').trim(), role: formText(data, 'role') === 'owner' ? 'owner' : 'editor' },
            {
              onSuccess: (member) => {
                element.reset();
                setAdded(member.display_name);
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
          label={t('organisations.memberEmail')}
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
          <SubmitButton pending={add.isPending} pendingLabel={t('form.sending')}>
            {t('organisations.add')}
          </SubmitButton>
          <p role="status" className={added ? 'notice notice--success' : 'visually-hidden'}>
            {added ? t('organisations.added', { name: added }) : ''}
          </p>
        </div>
      </form>
    </section>
  );
}
