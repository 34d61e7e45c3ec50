import '@/components/ui/marketplace.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormAlert, SubmitButton, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { ApiError } from '@/lib/api/client';
import type { ProjectRecord } from '../api/get-project';
import { useUpdateProject } from '../api/project-requests';
import {
  ProjectFields,
  missingOfProject,
  projectChangesOf,
  projectControlsOf,
  projectDraftOf,
  projectFieldMessages,
  statusChoices,
  withoutBlankTerritories,
} from './project-fields';
import type { MarketplaceLabels } from '@/lib/marketplace-labels';

/**
 * Edits a project against the version it was opened with (`If-Match`). When someone saved in
 * between (412), the form says so and shows their version, to redo the changes on.
 */
export function EditProjectForm({ record, labels }: { record: ProjectRecord; labels: MarketplaceLabels }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = record.project.id;
  // The version the draft started from, not whatever the cache holds later.
  const [base, setBase] = useState(record);
  const [draft, setDraft] = useState(() => projectDraftOf(record.project));
  const [missing, setMissing] = useState<ApiError | null>(null);
  const update = useUpdateProject(id, {
    onStale: (fresh) => {
      setBase(fresh);
      setDraft(projectDraftOf(fresh.project));
    },
  });
  const failure = missing ?? update.error;
  const errors = useFormErrors(failure, projectControlsOf(draft), projectFieldMessages(t));
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
        const sent = withoutBlankTerritories(draft);
        setDraft(sent);
        const local = missingOfProject(sent);
        setMissing(local);
        if (local) return;
        update.mutate(
          { changes: projectChangesOf(sent, base.project.status), etag: base.etag },
          { onSuccess: () => void navigate(`/projects/${id}`, { replace: true, state: { notice: 'projectSaved' } }) },
        );
      }}
    >
      <FormAlert message={forbidden ? t('marketplace.projects.ownerOnly') : errors.general} />
      <ProjectFields
        draft={draft}
        onChange={setDraft}
        errors={errors}
        labels={labels}
        statuses={statusChoices(base.project.status)}
        organisations={null}
      />
      <div className="form-actions">
        <SubmitButton pending={update.isPending} pendingLabel={t('form.saving')}>
          {t('marketplace.projects.saveSubmit')}
        </SubmitButton>
        <Link to={`/projects/${id}`}>{t('marketplace.cancel')}</Link>
      </div>
    </form>
  );
}
