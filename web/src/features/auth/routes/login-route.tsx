import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { FormAlert, SubmitButton, TextField, formText, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { useAccountTexts } from '@/lib/i18n-account';
import { useLogin } from '../api/auth-requests';
import { useSession } from '../api/use-session';
import { safeNext, type LoginState } from '../components/login-redirect';

const controls = ['email', 'password'] as const;

export function LoginRoute() {
  useAccountTexts();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const { status } = useSession();
  const login = useLogin();
  const errors = useFormErrors(login.error, controls);
  const form = useFocusFirstError(login.error);

  const next = safeNext(params.get('next'));
  // Logged in (now, or already): on to the page the member was going to.
  if (status === 'authenticated') return <Navigate to={next} replace />;

  const reason = (location.state as LoginState | null)?.reason;
  return (
    <section aria-labelledby="login-title" className="narrow">
      <h1 id="login-title">{t('login.title')}</h1>
      {reason && (
        <p className="notice" role="status">
          {reason === 'expired' ? t('login.expired') : t('login.required')}
        </p>
      )}
      <form
        ref={form}
        noValidate
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          login.mutate({ email: formText(data, 'email').trim(), password: formText(data, 'password') });
        }}
      >
        <FormAlert message={errors.general} />
        <TextField
          name="email"
          type="email"
          label={t('fields.email')}
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          error={errors.fields.email}
        />
        <TextField
          name="password"
          type="password"
          label={t('fields.password')}
          autoComplete="current-password"
          required
          error={errors.fields.password}
        />
        <SubmitButton pending={login.isPending} pendingLabel={t('login.pending')}>
          {t('login.submit')}
        </SubmitButton>
      </form>
      <ul className="form-links">
        <li>
          <Link to="/password-reset">{t('login.forgotten')}</Link>
        </li>
        <li>
          <Link to="/register">{t('login.noAccount')}</Link>
        </li>
      </ul>
    </section>
  );
}
