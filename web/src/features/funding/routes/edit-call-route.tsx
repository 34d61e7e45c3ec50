import '../components/funding.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { FormAlert, SubmitButton, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { missingFields } from '@/components/ui/form-errors';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { ApiError } from '@/lib/api/client';
import { useFundingTexts } from '@/lib/i18n-funding';
import { type FundingCall, type Versioned, useCallRecord, useUpdateCall } from '../api/funding-requests';
import {
  CALL_CONTROLS,
  CallFields,
  callChangesOf,
  callDraftOf,
  callFieldMessages,
  missingOfCall,
} from '../components/call-fields';

/** Changes a call (its funder's editors), against the version it was opened at. */
export function EditCallRoute() {
  useFundingTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const record = useCallRecord(id);
  if (record.isPending) return <LoadingNotice />;
  if (!record.data) return <ErrorNotice error={record.error} onRetry={() => void record.refetch()} />;
  return (
    <section aria-labelledby="edit-call-title" className="narrow">
      <p>
        <Link to={`/funding/calls/${id}`}>{t('funding.board.back')}</Link>
      </p>
      <h1 id="edit-call-title">{t('funding.callForm.editTitle')}</h1>
      <EditCallForm record={record.data} />
    </section>
  );
}

export function EditCallForm({ record }: { record: Versioned<FundingCall> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = record.item.id;
  const [draft, setDraft] = useState(() => callDraftOf(record.item));
  const [missing, setMissing] = useState<ApiError | null>(null);
  const update = useUpdateCall(id);
  const failure = missing ?? update.error;
  const errors = useFormErrors(failure, CALL_CONTROLS, callFieldMessages(t));
  const form = useFocusFirstError(failure);
  const forbidden = update.error instanceof ApiError && update.error.status === 403;
  return (
    <form
      ref={form}
      noValidate
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (update.isPending) return;
        const local = missingFields(missingOfCall(draft, false));
        setMissing(local);
        if (local) return;
        update.mutate(
          { changes: callChangesOf(draft), etag: record.etag },
          { onSuccess: () => void navigate(`/funding/calls/${id}`) },
        );
      }}
    >
      <FormAlert message={forbidden ? t('funding.callForm.funderOnly') : errors.general} />
      <CallFields draft={draft} onChange={setDraft} errors={errors} funders={null} />
      <div className="form-actions">
        <SubmitButton pending={update.isPending} pendingLabel={t('form.saving')}>
          {t('funding.callForm.save')}
        </SubmitButton>
        <Link to={`/funding/calls/${id}`}>{t('funding.callForm.cancel')}</Link>
      </div>
    </form>
  );
}
