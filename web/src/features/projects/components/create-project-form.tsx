import '@/components/ui/marketplace.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormAlert, SubmitButton, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import type { Membership } from '@/features/organisations';
import type { ApiError } from '@/lib/api/client';
import { createIdempotencyKeys } from '@/lib/api/idempotency';
import { useCreateProject } from '../api/project-requests';
import {
  ProjectFields,
  emptyProjectDraft,
  missingOfProject,
  newProjectOf,
  projectControlsOf,
  projectFieldMessages,
  withoutBlankTerritories,
} from './project-fields';
import type { MarketplaceLabels } from '@/lib/marketplace-labels';

interface CreateProjectFormProps {
  labels: MarketplaceLabels;
  language: string;
  /** The organisations the member may publish it for. */
  organisations: readonly Membership[];
}

/**
 * Creates a project, as a draft or published at once, and opens its page. Each submission carries
 * an `Idempotency-Key`, the same for the same content: a double tap or a retry after a lost answer
 * creates it only once.
 */
export function CreateProjectForm({ labels, language, organisations }: CreateProjectFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(() => emptyProjectDraft(language));
  const [keyFor] = useState(createIdempotencyKeys);
  const [missing, setMissing] = useState<ApiError | null>(null);
  const create = useCreateProject();
  const failure = missing ?? create.error;
  const errors = useFormErrors(failure, projectControlsOf(draft), projectFieldMessages(t));
  const form = useFocusFirstError(failure);

  return (
    <form
      ref={form}
      noValidate
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (create.isPending) return;
        const sent = withoutBlankTerritories(draft);
        setDraft(sent);
        const local = missingOfProject(sent);
        setMissing(local);
        if (local) return;
        const project = newProjectOf(sent);
        create.mutate(
          { project, idempotencyKey: keyFor(project) },
          {
            onSuccess: (record) =>
              void navigate(`/projects/${record.project.id}`, {
                replace: true,
                state: { notice: record.project.status === 'published' ? 'projectPublished' : 'projectDrafted' },
              }),
          },
        );
      }}
    >
      <FormAlert message={errors.general} />
      <ProjectFields
        draft={draft}
        onChange={setDraft}
        errors={errors}
        labels={labels}
        statuses={['draft', 'published']}
        organisations={organisations}
      />
      <SubmitButton pending={create.isPending} pendingLabel={t('form.sending')}>
        {draft.status === 'published' ? t('marketplace.projects.publishSubmit') : t('marketplace.projects.draftSubmit')}
      </SubmitButton>
    </form>
  );
}
