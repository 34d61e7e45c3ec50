import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '@/features/auth';
import type { SearchState } from '@/features/search';
import { useAccountTexts } from '@/lib/i18n-account';
import { useContactTexts } from '@/lib/i18n-contacts';
import { useSaveSearch, type NewSavedSearch } from '../api/saved-search-requests';
import { criteriaOf } from './criteria';
import { SavedSearchForm, type AlertDraft } from './saved-search-form';

/** The body that saves the search page's `state` with the member's choices. */
export function savedSearchBody(state: SearchState, draft: AlertDraft): NewSavedSearch {
  return {
    name: draft.name,
    kind: state.type,
    criteria: criteriaOf(state),
    frequency: draft.frequency,
    channels: draft.channels,
  };
}

/** "Save this search" on the search page, for members: its criteria, with a name, a frequency and channels. */
export function SaveSearch({ state }: { state: SearchState }) {
  useAccountTexts();
  useContactTexts();
  const { t } = useTranslation();
  const { status } = useSession();
  const save = useSaveSearch();
  const [open, setOpen] = useState(false);

  if (status !== 'authenticated') return null;
  if (save.isSuccess && !open) {
    return (
      <p role="status" className="notice notice--success">
        {t('contacts.savedSearches.saved')} <Link to="/me/saved-searches">{t('contacts.savedSearches.seeAll')}</Link>
      </p>
    );
  }
  if (!open) {
    return (
      <p>
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {t('contacts.savedSearches.save')}
        </button>
      </p>
    );
  }
  return (
    <section aria-labelledby="save-search-title">
      <h2 id="save-search-title">{t('contacts.savedSearches.saveTitle')}</h2>
      <SavedSearchForm
        initial={{ name: state.q ?? t('contacts.savedSearches.defaultName'), frequency: 'daily', channels: ['in_app', 'email'] }}
        submitLabel={t('contacts.savedSearches.submit')}
        pending={save.isPending}
        error={save.error}
        onSubmit={(draft) => save.mutate(savedSearchBody(state, draft), { onSuccess: () => setOpen(false) })}
        onCancel={() => setOpen(false)}
      />
    </section>
  );
}
