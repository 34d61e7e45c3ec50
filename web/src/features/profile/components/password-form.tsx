import { useTranslation } from 'react-i18next';
import { FormAlert, SubmitButton, TextField, formText, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { useChangePassword } from '../api/account-requests';

const controls = ['current_password', 'new_password'] as const;

/** Changing the password ends the member's other sessions; this one continues. */
export function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const errors = useFormErrors(change.error, controls);
  const form = useFocusFirstError(change.error);

  return (
    <form
      ref={form}
      noValidate
      className="form"
      aria-labelledby="password-title"
      onSubmit={(event) => {
        event.preventDefault();
        const element = event.currentTarget;
        const data = new FormData(element);
        change.mutate(
          { current_password: formText(data, 'current_password'), new_password: formText(data, 'new_password') },
          { onSuccess: () => element.reset() },
        );
      }}
    >
      <h2 id="password-title">{t('settings.passwordTitle')}</h2>
      <FormAlert message={errors.general} />
      <TextField
        name="current_password"
        type="password"
        label={t('fields.currentPassword')}
        autoComplete="current-password"
        required
        error={errors.fields.current_password}
      />
      <TextField
        name="new_password"
        type="password"
        label={t('fields.newPassword')}
        hint={t('fields.newPasswordHint')}
        autoComplete="new-password"
        minLength={8}
        maxLength={128}
        required
        error={errors.fields.new_password}
      />
      <div className="form-actions">
        <SubmitButton pending={change.isPending} pendingLabel={t('form.saving')}>
          {t('settings.passwordSubmit')}
        </SubmitButton>
        <p role="status" className={change.isSuccess ? 'notice notice--success' : 'visually-hidden'}>
          {change.isSuccess ? t('settings.passwordChanged') : ''}
        </p>
      </div>
    </form>
  );
}
