import { useTranslation } from 'react-i18next';
import { FormAlert, TextField, formText, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { useDeleteAccount } from '../api/account-requests';

/** Behind a disclosure and the password: deleting cannot be undone. */
export function DeleteAccount() {
  const { t } = useTranslation();
  const deletion = useDeleteAccount();
  const errors = useFormErrors(deletion.error, ['password']);
  const form = useFocusFirstError(deletion.error);

  return (
    <details className="danger-zone">
      <summary>{t('settings.deleteTitle')}</summary>
      <p>{t('settings.deleteExplanation')}</p>
      <form
        ref={form}
        noValidate
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          deletion.mutate(formText(new FormData(event.currentTarget), 'password'));
        }}
      >
        <FormAlert message={errors.general} />
        <TextField
          name="password"
          type="password"
          label={t('settings.deletePassword')}
          autoComplete="current-password"
          required
          error={errors.fields.password}
        />
        <button type="submit" className="button button--danger" disabled={deletion.isPending}>
          {deletion.isPending ? t('form.sending') : t('settings.deleteSubmit')}
        </button>
      </form>
    </details>
  );
}
