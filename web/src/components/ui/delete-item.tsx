import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { problemMessage } from '@/components/ui/form-errors';
import { ApiError } from '@/lib/api/client';
import type { ReadVersion } from '@/lib/api/versioned';

interface DeleteItemProps {
  kind: 'project' | 'opportunity';
  title: string;
  /** `useDeleteProject` or `useDeleteOpportunity` of the item. */
  deletion: UseMutationResult<void, Error, ReadVersion>;
  /** What the member saw: the page's `ETag`, or the list's version. */
  read: ReadVersion;
  /** In a list, the button names the item it deletes. */
  inList?: boolean;
  onDeleted: () => void;
}

/**
 * "Delete" for a project or an opportunity, after a confirmation in the page, against the version
 * the member saw. When someone changed it meanwhile, it is not deleted: the page shows the newer
 * version (read again by the request's hook) and says so.
 */
export function DeleteItem({ kind, title, deletion, read, inList = false, onDeleted }: DeleteItemProps) {
  const { t } = useTranslation();
  const error = deletion.error;
  let message: string | null = null;
  if (error instanceof ApiError && error.status === 412) message = t(`marketplace.delete.${kind}Stale`);
  else if (error instanceof ApiError && error.status === 404) message = t(`marketplace.delete.${kind}Gone`);
  else if (error instanceof ApiError && error.status === 403) message = t(`marketplace.delete.${kind}Forbidden`);
  else if (error) message = problemMessage(error, t);

  return (
    <div className="delete-item">
      {message && (
        <p role="alert" className="notice notice--error">
          {message}
        </p>
      )}
      <ConfirmAction
        danger
        label={t(`marketplace.delete.${kind}`)}
        accessibleLabel={inList ? t(`marketplace.delete.${kind}Named`, { title }) : undefined}
        question={t(`marketplace.delete.${kind}Question`, { title })}
        confirmLabel={t('marketplace.delete.confirm')}
        cancelLabel={t('marketplace.cancel')}
        pending={deletion.isPending}
        onConfirm={() => deletion.mutate(read, { onSuccess: onDeleted })}
      />
    </div>
  );
}
