import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '@/components/ui/form-errors';
import { api, unwrap } from '@/lib/api/client';

// Shared: the e-mail check page, the unverified-address notice and the account settings offer it.
function useResendVerification() {
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/auth/verify-email/resend')),
  });
}

/** Asks for a new verification e-mail (the member must be logged in). */
export function ResendVerification() {
  const { t } = useTranslation();
  const resend = useResendVerification();
  if (resend.isSuccess) {
    return (
      <p role="status" className="notice notice--success">
        {t('verifyEmail.resent')}
      </p>
    );
  }
  return (
    <>
      {resend.isError && (
        <p role="alert" className="notice notice--error">
          {problemMessage(resend.error, t)}
        </p>
      )}
      <button type="button" className="button button--secondary" disabled={resend.isPending} onClick={() => resend.mutate()}>
        {t('verifyEmail.resend')}
      </button>
    </>
  );
}
