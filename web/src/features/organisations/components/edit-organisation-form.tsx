import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormAlert, SubmitButton, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { ApiError } from '@/lib/api/client';
import type { OrganisationRecord } from '../api/get-organisation';
import { useUpdateOrganisation } from '../api/organisation-requests';
import {
  OrganisationFields,
  changesOf,
  draftOf,
  missingOf,
  organisationControls,
  organisationFieldMessages,
} from './organisation-fields';
import type { OrganisationLabels } from './use-organisation-labels';

interface EditOrganisationFormProps {
  record: OrganisationRecord;
  labels: OrganisationLabels;
}

/**
 * Edits an organisation against the version it was opened with (`If-Match`). When someone saved
 * in between (412), the form says so and shows their version, to redo the changes on.
 */
export function EditOrganisationForm({ record, labels }: EditOrganisationFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = record.organisation.id;
  // The ETag of the version the draft started from, not of whatever the cache holds later.
  const [etag, setEtag] = useState(record.etag);
  const [draft, setDraft] = useState(() => draftOf(record.organisation));
  const [missing, setMissing] = useState<ApiError | null>(null);
  const update = useUpdateOrganisation(id, {
    onStale: (fresh) => {
      setEtag(fresh.etag);
      setDraft(draftOf(fresh.organisation));
    },
  });
  const failure = missing ?? update.error;
  const errors = useFormErrors(failure, organisationControls, organisationFieldMessages(t));
  const form = useFocusFirstError(failure);
  const forbidden = update.error instanceof ApiError && update.error.status === 403;

  return (
    <form
      ref={form}
      noValidate
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        const local = missingOf(draft);
        setMissing(local);
        if (local || update.isPending) return;
        update.mutate(
          { changes: changesOf(draft), etag },
          {
            onSuccess: () =>
              void navigate(`/organisations/${id}`, { replace: true, state: { notice: 'organisationSaved' } }),
          },
        );
      }}
    >
      <FormAlert message={forbidden ? t('organisations.membersOnly') : errors.general} />
      <OrganisationFields draft={draft} onChange={setDraft} errors={errors} labels={labels} />
      <div className="form-actions">
        <SubmitButton pending={update.isPending} pendingLabel={t('form.saving')}>
          {t('organisations.saveSubmit')}
        </SubmitButton>
        <Link to={`/organisations/${id}`}>{t('organisations.cancel')}</Link>
      </div>
    </form>
  );
}
