import '@/components/ui/marketplace.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormAlert, SubmitButton, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import type { Project } from '@/features/projects';
import type { MarketplaceLabels } from '@/lib/marketplace-labels';
import type { ApiError } from '@/lib/api/client';
import { createIdempotencyKeys } from '@/lib/api/idempotency';
import { useCreateOpportunity } from '../api/opportunity-requests';
import {
  OpportunityFields,
  emptyOpportunityDraft,
  missingOfOpportunity,
  newOpportunityOf,
  opportunityControls,
  opportunityFieldMessages,
} from './opportunity-fields';

interface CreateOpportunityFormProps {
  labels: MarketplaceLabels;
  /** The member's projects, to link the opportunity to one. */
  projects: readonly Project[];
  /** A project chosen beforehand (from its page). */
  projectId?: string;
}

/** Publishes an opportunity (open at once) with an `Idempotency-Key`, and opens its page. */
export function CreateOpportunityForm({ labels, projects, projectId = '' }: CreateOpportunityFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(() => {
    const empty = emptyOpportunityDraft(projects.some((project) => project.id === projectId) ? projectId : '');
    // An opportunity for a project is usually where the project is.
    const project = projects.find((candidate) => candidate.id === empty.projectId);
    return project ? { ...empty, country: project.countries[0] ?? '', sectors: [...project.sectors] } : empty;
  });
  const [keyFor] = useState(createIdempotencyKeys);
  const [missing, setMissing] = useState<ApiError | null>(null);
  const create = useCreateOpportunity();
  const failure = missing ?? create.error;
  const errors = useFormErrors(failure, opportunityControls, opportunityFieldMessages(t));
  const form = useFocusFirstError(failure);

  return (
    <form
      ref={form}
      noValidate
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (create.isPending) return;
        const local = missingOfOpportunity(draft);
        setMissing(local);
        if (local) return;
        const opportunity = newOpportunityOf(draft);
        create.mutate(
          { opportunity, idempotencyKey: keyFor(opportunity) },
          {
            onSuccess: (record) =>
              void navigate(`/opportunities/${record.opportunity.id}`, {
                replace: true,
                state: { notice: 'opportunityPublished' },
              }),
          },
        );
      }}
    >
      <FormAlert message={errors.general} />
      <OpportunityFields draft={draft} onChange={setDraft} errors={errors} labels={labels} projects={projects} />
      <SubmitButton pending={create.isPending} pendingLabel={t('form.sending')}>
        {t('marketplace.opportunities.publishSubmit')}
      </SubmitButton>
    </form>
  );
}
