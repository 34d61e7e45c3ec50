import { useTranslation } from 'react-i18next';
import { ResendVerification } from '@/components/account/resend-verification';
import { useAccountTexts } from '@/lib/i18n-account';

export function UnverifiedNoticeBody({ email }: { email: string }) {
  useAccountTexts();
  const { t } = useTranslation();
  return (
    <div className="notice notice--warning">
      <p>{t('verifyEmail.required', { email })}</p>
      <ResendVerification />
    </div>
  );
}
