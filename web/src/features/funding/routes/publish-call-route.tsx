import '../components/funding.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormAlert, SubmitButton, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { missingFields } from '@/components/ui/form-errors';
import { useMyOrganisations } from '@/features/organisations';
import type { ApiError } from '@/lib/api/client';
import { createIdempotencyKeys } from '@/lib/api/idempotency';
import { useFundingTexts } from '@/lib/i18n-funding';
import { usePublishCall } from '../api/funding-requests';
import { CALL_CONTROLS, CallFields, callDraftOf, callFieldMessages, missingOfCall, newCallOf } from '../components/call-fields';

/** Publishes a call for one of the member's organisations (the API checks it is a funder's). */
export function PublishCallRoute() {
  useFundingTexts();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const organisations = useMyOrganisations();
  const [draft, setDraft] = useState(callDraftOf);
  const [missing, setMissing] = useState<ApiError | null>(null);
  const publish = usePublishCall();
  const keyOf = useMemo(() => createIdempotencyKeys(), []);
  const failure = missing ?? publish.error;
  const errors = useFormErrors(failure, CALL_CONTROLS, callFieldMessages(t));
  const form = useFocusFirstError(failure);
  const funders = (organisations.data ?? []).map((membership) => ({ id: membership.organisation_id, name: membership.name }));
  return (
    <section aria-labelledby="publish-call-title" className="narrow">
      <p>
        <Link to="/funding">{t('funding.calls.back')}</Link>
      </p>
      <h1 id="publish-call-title">{t('funding.callForm.publishTitle')}</h1>
      <form
        ref={form}
        noValidate
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (publish.isPending) return;
          const local = missingFields(missingOfCall(draft, true));
          setMissing(local);
          if (local) return;
          const body = newCallOf(draft);
          publish.mutate(
            { body, idempotencyKey: keyOf(body) },
            { onSuccess: (call) => void navigate(`/funding/calls/${call.id}`) },
          );
        }}
      >
        <FormAlert message={errors.general} />
        <CallFields draft={draft} onChange={setDraft} errors={errors} funders={funders} />
        <div className="form-actions">
          <SubmitButton pending={publish.isPending} pendingLabel={t('form.saving')}>
            {t('funding.callForm.publish')}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
