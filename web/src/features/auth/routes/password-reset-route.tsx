import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Outcome } from '@/components/ui/outcome';
import { FormAlert, SubmitButton, TextField, formText, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { ApiError } from '@/lib/api/client';
import { useAccountTexts } from '@/lib/i18n-account';
import { useConfirmPasswordReset, useRequestPasswordReset } from '../api/auth-requests';

/** `/password-reset` asks for the link; `/password-reset?token=…`, opened from it, sets the password. */
export function PasswordResetRoute() {
  useAccountTexts();
  const [params] = useSearchParams();
  const token = params.get('token');
  return token ? <ChooseNewPassword token={token} /> : <RequestLink />;
}

function RequestLink() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const errors = useFormErrors(request.error, ['email']);
  const form = useFocusFirstError(request.error);

  if (request.isSuccess) {
    return (
      <Outcome title={t('passwordReset.sentTitle')}>
        <p>{t('passwordReset.sentBody', { email: request.variables })}</p>
        <p className="notice">{t('register.inboxSpam')}</p>
      </Outcome>
    );
  }
  return (
    <section aria-labelledby="reset-title" className="narrow">
      <h1 id="reset-title">{t('passwordReset.title')}</h1>
      <p className="lead">{t('passwordReset.intro')}</p>
      <form
        ref={form}
        noValidate
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          request.mutate(formText(new FormData(event.currentTarget), 'email').trim());
        }}
      >
        <FormAlert message={errors.general} />
        <TextField
          name="email"
          type="email"
          label={t('fields.email')}
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          required
          error={errors.fields.email}
        />
        <SubmitButton pending={request.isPending} pendingLabel={t('form.sending')}>
          {t('passwordReset.send')}
        </SubmitButton>
      </form>
      <ul className="form-links">
        <li>
          <Link to="/login">{t('passwordReset.backToLogin')}</Link>
        </li>
      </ul>
    </section>
  );
}

function ChooseNewPassword({ token }: { token: string }) {
  const { t } = useTranslation();
  const confirm = useConfirmPasswordReset();
  // The token is not a control of this form: its error (a spent link) is shown form-wide.
  const errors = useFormErrors(confirm.error, ['password']);
  const form = useFocusFirstError(confirm.error);

  if (confirm.isSuccess) {
    return (
      <Outcome title={t('passwordReset.doneTitle')}>
        <p>{t('passwordReset.doneBody')}</p>
        <p>
          <Link to="/login">{t('account.logIn')}</Link>
        </p>
      </Outcome>
    );
  }
  return (
    <section aria-labelledby="new-password-title" className="narrow">
      <h1 id="new-password-title">{t('passwordReset.chooseTitle')}</h1>
      <form
        ref={form}
        noValidate
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          confirm.mutate({ token, password: formText(new FormData(event.currentTarget), 'password') });
        }}
      >
        <FormAlert message={errors.general} />
        {isSpentLink(confirm.error) && (
          <p>
            <Link to="/password-reset">{t('passwordReset.askAgain')}</Link>
          </p>
        )}
        <TextField
          name="password"
          type="password"
          label={t('fields.newPassword')}
          hint={t('fields.newPasswordHint')}
          autoComplete="new-password"
          minLength={8}
          maxLength={128}
          required
          error={errors.fields.password}
        />
        <SubmitButton pending={confirm.isPending} pendingLabel={t('form.sending')}>
          {t('passwordReset.save')}
        </SubmitButton>
      </form>
    </section>
  );
}

function isSpentLink(error: unknown): boolean {
  return error instanceof ApiError && (error.problem?.errors ?? []).some((fieldError) => fieldError.field === 'token');
}
