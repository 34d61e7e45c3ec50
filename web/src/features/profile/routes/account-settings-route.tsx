import { useTranslation } from 'react-i18next';
import { problemMessage } from '@/components/ui/form-errors';
import { ResendVerification } from '@/components/account/resend-verification';
import { useMe } from '@/features/auth';
import { useAccountTexts } from '@/lib/i18n-account';
import { useExportData, useLogOutEverywhere } from '../api/account-requests';
import { DeleteAccount } from '../components/delete-account';
import { PasswordForm } from '../components/password-form';

/** The account itself: e-mail address, password, sessions, personal data, deletion. */
export function AccountSettingsRoute() {
  useAccountTexts();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const exportData = useExportData();
  const logOutEverywhere = useLogOutEverywhere();

  return (
    <section aria-labelledby="settings-title" className="narrow">
      <h1 id="settings-title">{t('settings.title')}</h1>

      {me && (
        <section aria-labelledby="email-title" className="panel">
          <h2 id="email-title">{t('settings.emailTitle')}</h2>
          <p>
            <strong className="break-anywhere">{me.profile.email}</strong>{' '}
            {me.profile.email_verified ? t('settings.emailVerified') : t('settings.emailUnverified')}
          </p>
          {!me.profile.email_verified && <ResendVerification />}
        </section>
      )}

      <section className="panel">
        <PasswordForm />
      </section>

      <section aria-labelledby="sessions-title" className="panel">
        <h2 id="sessions-title">{t('settings.sessionsTitle')}</h2>
        <p>{t('settings.sessionsExplanation')}</p>
        {logOutEverywhere.isError && (
          <p role="alert" className="notice notice--error">
            {problemMessage(logOutEverywhere.error, t)}
          </p>
        )}
        <button
          type="button"
          className="button button--secondary"
          disabled={logOutEverywhere.isPending}
          onClick={() => logOutEverywhere.mutate()}
        >
          {t('settings.logOutEverywhere')}
        </button>
      </section>

      <section aria-labelledby="data-title" className="panel">
        <h2 id="data-title">{t('settings.dataTitle')}</h2>
        <p>{t('settings.dataExplanation')}</p>
        {exportData.isError && (
          <p role="alert" className="notice notice--error">
            {problemMessage(exportData.error, t)}
          </p>
        )}
        <button
          type="button"
          className="button button--secondary"
          disabled={exportData.isPending}
          onClick={() => exportData.mutate()}
        >
          {exportData.isPending ? t('status.loading') : t('settings.dataDownload')}
        </button>
      </section>

      <section aria-labelledby="danger-title" className="panel">
        <h2 id="danger-title">{t('settings.dangerTitle')}</h2>
        <DeleteAccount />
      </section>
    </section>
  );
}
