import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Outcome } from '@/components/ui/outcome';
import { FormAlert, SubmitButton, TextField, formText, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { isLanguage } from '@/lib/i18n';
import { useAccountTexts } from '@/lib/i18n-account';
import { useRegister } from '../api/auth-requests';

const controls = ['display_name', 'email', 'password'] as const;

export function RegisterRoute() {
  useAccountTexts();
  const { t, i18n } = useTranslation();
  const register = useRegister();
  const errors = useFormErrors(register.error, controls);
  const form = useFocusFirstError(register.error);

  if (register.isSuccess) return <CheckInbox email={register.variables.email} />;

  return (
    <section aria-labelledby="register-title" className="narrow">
      <h1 id="register-title">{t('register.title')}</h1>
      <p className="lead">{t('register.intro')}</p>
      <form
        ref={form}
        noValidate
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          register.mutate({
            display_name: formText(data, 'display_name').trim(),
            email: formText(data, 'email').trim(),
            password: formText(data, 'password'),
            // E-mails from Marcottage come in the language the member registered in.
            locale: isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'fr',
          });
        }}
      >
        <FormAlert message={errors.general} />
        <TextField
          name="display_name"
          label={t('fields.displayName')}
          hint={t('register.displayNameHint')}
          autoComplete="name"
          maxLength={100}
          required
          error={errors.fields.display_name}
        />
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
        <TextField
          name="password"
          type="password"
          label={t('fields.password')}
          hint={t('fields.newPasswordHint')}
          autoComplete="new-password"
          minLength={8}
          maxLength={128}
          required
          error={errors.fields.password}
        />
        <SubmitButton pending={register.isPending} pendingLabel={t('form.sending')}>
          {t('register.submit')}
        </SubmitButton>
      </form>
      <ul className="form-links">
        <li>
          <Link to="/login">{t('register.haveAccount')}</Link>
        </li>
      </ul>
    </section>
  );
}

/** After registering: the same words whether or not the address already had an account. */
function CheckInbox({ email }: { email: string }) {
  const { t } = useTranslation();
  return (
    <Outcome title={t('register.inboxTitle')}>
      <p>{t('register.inboxBody', { email })}</p>
      <p className="notice">{t('register.inboxSpam')}</p>
      <p>
        <Link to="/login">{t('register.thenLogIn')}</Link>
      </p>
    </Outcome>
  );
}
