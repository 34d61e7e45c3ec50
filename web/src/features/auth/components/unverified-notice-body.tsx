import { useTranslation } from 'react-i18next';
import { useAccountTexts } from '@/lib/i18n-account';
import { ResendVerification } from './resend-verification';

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
