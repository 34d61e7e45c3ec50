import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { problemMessage } from '@/components/ui/form-errors';
import { ApiError } from '@/lib/api/client';
import type { OrganisationRecord } from '../api/get-organisation';
import { useDeleteOrganisation, useSetVerification } from '../api/organisation-requests';

/** Facilitators and admins mark an organisation as verified, or withdraw it. */
export function VerificationControl({ record }: { record: OrganisationRecord }) {
  const { t } = useTranslation();
  const { id, verified } = record.organisation;
  const verification = useSetVerification(id);
  return (
    <section aria-labelledby="verification-title" className="panel">
      <h2 id="verification-title">{t('organisations.verificationTitle')}</h2>
      <p>{t('organisations.verificationExplanation')}</p>
      {verification.isError && (
        <p role="alert" className="notice notice--error">
          {problemMessage(verification.error, t)}
        </p>
      )}
      <button
        type="button"
        className="button button--secondary"
        disabled={verification.isPending}
        aria-busy={verification.isPending || undefined}
        onClick={() => verification.mutate(!verified)}
      >
        {verified ? t('organisations.unverify') : t('organisations.verify')}
      </button>
    </section>
  );
}

/** Owners delete the organisation, after a confirmation, if nobody changed it meanwhile. */
export function DeleteOrganisation({ record }: { record: OrganisationRecord }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id, name } = record.organisation;
  const deletion = useDeleteOrganisation(id);
  const forbidden = deletion.error instanceof ApiError && deletion.error.status === 403;
  return (
    <section aria-labelledby="delete-title" className="panel">
      <h2 id="delete-title">{t('organisations.deleteTitle')}</h2>
      <p>{t('organisations.deleteExplanation')}</p>
      {deletion.isError && (
        <p role="alert" className="notice notice--error">
          {forbidden ? t('organisations.ownersOnly') : problemMessage(deletion.error, t)}
        </p>
      )}
      <ConfirmAction
        danger
        label={t('organisations.deleteTitle')}
        question={t('organisations.confirmDelete', { name })}
        confirmLabel={t('organisations.confirmDeleteButton')}
        cancelLabel={t('organisations.cancel')}
        pending={deletion.isPending}
        onConfirm={() =>
          deletion.mutate(record.etag, {
            onSuccess: () => void navigate('/organisations', { replace: true, state: { notice: 'organisationDeleted' } }),
          })
        }
      />
    </section>
  );
}
