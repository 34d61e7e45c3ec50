import '@/components/ui/contacts.css';
import '@/components/ui/marketplace.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { problemMessage } from '@/components/ui/form-errors';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { joinList } from '@/lib/format';
import { useTermLabels } from '@/lib/taxonomies/use-term-labels';
import { ApiError } from '@/lib/api/client';
import { useAccountTexts } from '@/lib/i18n-account';
import { useContactTexts } from '@/lib/i18n-contacts';
import { useMarketplaceTexts } from '@/lib/i18n-marketplace';
import { useChangeSavedSearch, useSavedSearches, type SavedSearch } from '../api/saved-search-requests';
import { searchPathOf } from '../components/criteria';
import { SavedSearchForm } from '../components/saved-search-form';

/** The criteria of a saved search in words, from the taxonomies: "words “water”, Senegal, Agro-industries". */
function useCriteriaWords() {
  const { t, i18n } = useTranslation();
  const countries = useTermLabels('countries');
  const regions = useTermLabels('regions');
  const sectors = useTermLabels('sectors');
  const categories = useTermLabels('opportunity-categories');
  return (search: SavedSearch) => {
    const { criteria } = search;
    const parts = [
      criteria.q ? t('contacts.savedSearches.words', { q: criteria.q }) : null,
      criteria.region ? regions.label(criteria.region) : null,
      criteria.country ? countries.label(criteria.country) : null,
      criteria.sector ? sectors.label(criteria.sector) : null,
      criteria.category ? categories.label(criteria.category) : null,
      criteria.stage ? t(`marketplace.stage.${criteria.stage}`) : null,
    ].filter((part): part is string => !!part);
    return parts.length > 0 ? joinList(parts, i18n.language) : t('contacts.savedSearches.anything');
  };
}

function SavedSearchItem({ search, words }: { search: SavedSearch; words: string }) {
  const { t, i18n } = useTranslation();
  const { update, remove } = useChangeSavedSearch();
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const failure = remove.error ?? (editing ? null : update.error);
  const message =
    failure instanceof ApiError && (failure.status === 412 || failure.status === 404)
      ? t('contacts.savedSearches.stale')
      : failure
        ? problemMessage(failure, t)
        : null;

  return (
    <article className="contact-card">
      <h2 className="result__title">{search.name}</h2>
      <p className="result__meta">
        <span className="badge">{t(`contacts.savedSearches.kind.${search.kind}`)}</span>
        <span>{t(`contacts.savedSearches.frequencies.${search.frequency}`)}</span>
        <span>
          {joinList(
            search.channels.map((channel) => t(`contacts.savedSearches.channelNames.${channel}`)),
            i18n.language,
          )}
        </span>
      </p>
      <p>
        {t('contacts.savedSearches.criteria')} {words}
      </p>
      {done && (
        <p role="status" className="notice notice--success">
          {done}
        </p>
      )}
      {message && (
        <p role="alert" className="notice notice--error">
          {message}
        </p>
      )}
      {editing ? (
        <SavedSearchForm
          initial={{ name: search.name, frequency: search.frequency, channels: search.channels }}
          submitLabel={t('contacts.savedSearches.update')}
          pending={update.isPending}
          error={update.error instanceof ApiError && update.error.status === 412 ? null : update.error}
          onSubmit={(draft) =>
            update.mutate(
              { search, changes: draft },
              {
                onSuccess: () => {
                  setEditing(false);
                  setDone(t('contacts.savedSearches.updated'));
                },
                onError: (error) => {
                  if (error instanceof ApiError && (error.status === 412 || error.status === 404)) setEditing(false);
                },
              },
            )
          }
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="form-actions">
          <Link
            className="button button--secondary"
            to={searchPathOf(search)}
            aria-label={t('contacts.savedSearches.seeResultsLabel', { name: search.name })}
          >
            {t('contacts.savedSearches.seeResults')}
          </Link>
          <button
            type="button"
            className="button button--secondary"
            aria-label={t('contacts.savedSearches.editLabel', { name: search.name })}
            onClick={() => {
              setDone(null);
              setEditing(true);
            }}
          >
            {t('contacts.savedSearches.edit')}
          </button>
          <ConfirmAction
            danger
            label={t('contacts.savedSearches.delete')}
            accessibleLabel={t('contacts.savedSearches.deleteLabel', { name: search.name })}
            question={t('contacts.savedSearches.deleteQuestion', { name: search.name })}
            confirmLabel={t('contacts.savedSearches.confirmDelete')}
            cancelLabel={t('contacts.savedSearches.keep')}
            pending={remove.isPending}
            onConfirm={() => remove.mutate(search)}
          />
        </div>
      )}
    </article>
  );
}

/** The member's saved searches: criteria, frequency and channels, to see the results, change or delete. */
export function SavedSearchesRoute() {
  useAccountTexts();
  useMarketplaceTexts();
  useContactTexts();
  const { t } = useTranslation();
  const searches = useSavedSearches();
  const words = useCriteriaWords();

  let body;
  if (searches.isPending) body = <LoadingNotice />;
  else if (!searches.data) body = <ErrorNotice error={searches.error} onRetry={() => void searches.refetch()} />;
  else if (searches.data.length === 0) {
    body = (
      <p className="notice">
        {t('contacts.savedSearches.none')} <Link to="/search">{t('contacts.savedSearches.goSearch')}</Link>
      </p>
    );
  } else {
    body = (
      <ul className="result-list" aria-label={t('contacts.savedSearches.listLabel')}>
        {searches.data.map((search) => (
          <li key={search.id}>
            <SavedSearchItem search={search} words={words(search)} />
          </li>
        ))}
      </ul>
    );
  }

  return (
    <section aria-labelledby="saved-searches-title">
      <h1 id="saved-searches-title">{t('contacts.savedSearches.title')}</h1>
      <p className="lead">{t('contacts.savedSearches.intro')}</p>
      {body}
    </section>
  );
}
