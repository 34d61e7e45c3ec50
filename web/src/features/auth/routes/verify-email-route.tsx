import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { problemMessage } from '@/components/ui/form-errors';
import { LoadingNotice } from '@/components/ui/status';
import { ResendVerification } from '@/components/account/resend-verification';
import { ApiError } from '@/lib/api/client';
import { useAccountTexts } from '@/lib/i18n-account';
import { useVerifyEmail } from '../api/auth-requests';
import { useSession } from '../api/use-session';

/** Opened from the link in the verification e-mail: confirms the address at once. */
export function VerifyEmailRoute() {
  useAccountTexts();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verification = useVerifyEmail(token);
  const { status } = useSession();

  let body;
  if (token === '' || isInvalidToken(verification.error)) {
    body = (
      <>
        <p role="alert" className="notice notice--error">
          {t('verifyEmail.invalid')}
        </p>
        {status === 'authenticated' ? <ResendVerification /> : <p>{t('verifyEmail.logInForNewLink')}</p>}
        {status === 'anonymous' && (
          <p>
            <Link to="/login?next=%2Faccount%2Fprofile">{t('account.logIn')}</Link>
          </p>
        )}
      </>
    );
  } else if (verification.isPending) {
    body = <LoadingNotice />;
  } else if (verification.isError) {
    body = (
      <div role="alert" className="notice notice--error">
        <p>{problemMessage(verification.error, t)}</p>
        <button type="button" className="button" onClick={() => void verification.refetch()}>
          {t('status.retry')}
        </button>
      </div>
    );
  } else {
    body = (
      <>
        <p role="status" className="notice notice--success">
          {t('verifyEmail.done')}
        </p>
        <p>
          {status === 'authenticated' ? (
            <Link to="/account/profile">{t('verifyEmail.toProfile')}</Link>
          ) : (
            <Link to="/login?next=%2Faccount%2Fprofile">{t('verifyEmail.logIn')}</Link>
          )}
        </p>
      </>
    );
  }

  return (
    <section aria-labelledby="verify-title" className="narrow">
      <h1 id="verify-title">{t('verifyEmail.title')}</h1>
      {body}
    </section>
  );
}

function isInvalidToken(error: unknown): boolean {
  return error instanceof ApiError && error.status === 422;
}
