import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { problemMessage } from '@/components/ui/form-errors';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { ApiError, api, unwrap } from '@/lib/api/client';
import { useAccountTexts } from '@/lib/i18n-account';
import { useContactTexts } from '@/lib/i18n-contacts';

/** The page of an alert e-mail's unsubscribe link: what it stops, and a button that stops it, without logging in. */
export function UnsubscribeRoute() {
  useAccountTexts();
  useContactTexts();
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const about = useQuery({
    queryKey: ['unsubscribe', token],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/unsubscribe/{token}', { params: { path: { token } }, signal })),
  });
  const stop = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/unsubscribe/{token}', { params: { path: { token } } })),
  });

  let body;
  if (about.isPending) body = <LoadingNotice />;
  else if (!about.data) {
    body =
      about.error instanceof ApiError && about.error.status === 404 ? (
        <p className="notice">{t('contacts.savedSearches.unsubscribeNotFound')}</p>
      ) : (
        <ErrorNotice error={about.error} onRetry={() => void about.refetch()} />
      );
  } else if (stop.data || !about.data.email) {
    body = (
      <p role="status" className="notice notice--success">
        {t('contacts.savedSearches.unsubscribed', { name: (stop.data ?? about.data).name })}
      </p>
    );
  } else {
    body = (
      <>
        <p>{t('contacts.savedSearches.unsubscribeBody', { name: about.data.name })}</p>
        {stop.error && (
          <p role="alert" className="notice notice--error">
            {problemMessage(stop.error, t)}
          </p>
        )}
        <button
          type="button"
          className="button"
          disabled={stop.isPending}
          aria-busy={stop.isPending || undefined}
          onClick={() => stop.mutate()}
        >
          {t('contacts.savedSearches.unsubscribe')}
        </button>
      </>
    );
  }
  return (
    <section aria-labelledby="unsubscribe-title" className="narrow">
      <h1 id="unsubscribe-title">{t('contacts.savedSearches.unsubscribeTitle')}</h1>
      {body}
    </section>
  );
}
