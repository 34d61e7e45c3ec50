import '@/components/ui/marketplace.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormAlert, SubmitButton, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import type { MarketplaceLabels } from '@/lib/marketplace-labels';
import { ApiError } from '@/lib/api/client';
import type { OpportunityRecord } from '../api/get-opportunity';
import { useUpdateOpportunity } from '../api/opportunity-requests';
import {
  OpportunityFields,
  missingOfOpportunity,
  opportunityChangesOf,
  opportunityControls,
  opportunityDraftOf,
  opportunityFieldMessages,
  opportunityStatusChoices,
} from './opportunity-fields';

/** Edits an opportunity against the version it was opened with (`If-Match`); on 412 shows the newer one. */
export function EditOpportunityForm({ record, labels }: { record: OpportunityRecord; labels: MarketplaceLabels }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = record.opportunity.id;
  const [base, setBase] = useState(record);
  const [draft, setDraft] = useState(() => opportunityDraftOf(record.opportunity));
  const [missing, setMissing] = useState<ApiError | null>(null);
  const update = useUpdateOpportunity(id, {
    onStale: (fresh) => {
      setBase(fresh);
      setDraft(opportunityDraftOf(fresh.opportunity));
    },
  });
  const failure = missing ?? update.error;
  const errors = useFormErrors(failure, opportunityControls, opportunityFieldMessages(t));
  const form = useFocusFirstError(failure);
  const forbidden = update.error instanceof ApiError && update.error.status === 403;

  return (
    <form
      ref={form}
      noValidate
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        const local = missingOfOpportunity(draft);
        setMissing(local);
        if (local || update.isPending) return;
        update.mutate(
          { changes: opportunityChangesOf(draft, base.opportunity), etag: base.etag },
          { onSuccess: () => void navigate(`/opportunities/${id}`, { replace: true, state: { notice: 'opportunitySaved' } }) },
        );
      }}
    >
      <FormAlert message={forbidden ? t('marketplace.opportunities.ownerOnly') : errors.general} />
      <OpportunityFields
        draft={draft}
        onChange={setDraft}
        errors={errors}
        labels={labels}
        projects={null}
        statuses={opportunityStatusChoices(base.opportunity.status)}
      />
      <div className="form-actions">
        <SubmitButton pending={update.isPending} pendingLabel={t('form.saving')}>
          {t('marketplace.projects.saveSubmit')}
        </SubmitButton>
        <Link to={`/opportunities/${id}`}>{t('marketplace.cancel')}</Link>
      </div>
    </form>
  );
}
