import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormAlert, SubmitButton, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import type { ApiError } from '@/lib/api/client';
import { createIdempotencyKeys } from '@/lib/api/idempotency';
import { useCreateOrganisation } from '../api/organisation-requests';
import {
  OrganisationFields,
  emptyDraft,
  missingOf,
  newOrganisationOf,
  organisationControls,
  organisationFieldMessages,
} from './organisation-fields';
import type { OrganisationLabels } from './use-organisation-labels';

/**
 * Creates an organisation and opens its page. Each submission carries an `Idempotency-Key`, the
 * same for the same content: a double tap or a retry after a lost answer creates it only once.
 */
export function CreateOrganisationForm({ labels }: { labels: OrganisationLabels }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(emptyDraft);
  const [keyFor] = useState(createIdempotencyKeys);
  const [missing, setMissing] = useState<ApiError | null>(null);
  const create = useCreateOrganisation();
  const failure = missing ?? create.error;
  const errors = useFormErrors(failure, organisationControls, organisationFieldMessages(t));
  const form = useFocusFirstError(failure);

  return (
    <form
      ref={form}
      noValidate
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (create.isPending) return;
        const organisation = newOrganisationOf(draft);
        setMissing(organisation ? null : missingOf(draft));
        if (!organisation) return;
        create.mutate(
          { organisation, idempotencyKey: keyFor(organisation) },
          {
            onSuccess: (record) =>
              void navigate(`/organisations/${record.organisation.id}`, {
                replace: true,
                state: { notice: 'organisationCreated' },
              }),
          },
        );
      }}
    >
      <FormAlert message={errors.general} />
      <OrganisationFields draft={draft} onChange={setDraft} errors={errors} labels={labels} />
      <SubmitButton pending={create.isPending} pendingLabel={t('form.sending')}>
        {t('organisations.createSubmit')}
      </SubmitButton>
    </form>
  );
}
