import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api/client';

/** A polite, announced "loading" line; text only, so it costs nothing on a slow link. */
export function LoadingNotice() {
  const { t } = useTranslation();
  return (
    <p role="status" className="notice">
      {t('status.loading')}
    </p>
  );
}

interface ErrorNoticeProps {
  error: unknown;
  onRetry: () => void;
}

/** Says what went wrong in the member's language and offers to try again. */
export function ErrorNotice({ error, onRetry }: ErrorNoticeProps) {
  const { t } = useTranslation();
  // A thrown fetch (no ApiError) means the server or the network did not answer at all.
  const message = error instanceof ApiError ? t('status.error') : t('status.offline');
  return (
    <div role="alert" className="notice notice--error">
      <p>{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('status.retry')}
      </button>
    </div>
  );
}
