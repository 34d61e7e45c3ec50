import { useTranslation } from 'react-i18next';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useMyOrganisations } from '@/features/organisations';
import { useLanguage } from '@/lib/taxonomies/use-term-labels';
import { useAccountTexts } from '@/lib/i18n-account';
import { useMarketplaceTexts } from '@/lib/i18n-marketplace';
import { CreateProjectForm } from '../components/create-project-form';
import { useMarketplaceLabels } from '@/lib/marketplace-labels';

/** Posts a project idea (members only). */
export function NewProjectRoute() {
  useAccountTexts();
  useMarketplaceTexts();
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  const language = useLanguage();
  // Without the list of their organisations, members still publish in their own name.
  const organisations = useMyOrganisations();
  const failed = labels.queries.find((query) => query.isError && !query.data);

  return (
    <section aria-labelledby="new-project-title" className="narrow">
      <h1 id="new-project-title">{t('marketplace.projects.newTitle')}</h1>
      <p className="lead">{t('marketplace.projects.newIntro')}</p>
      {failed ? (
        <ErrorNotice error={failed.error} onRetry={() => void failed.refetch()} />
      ) : labels.queries.some((query) => !query.data) || organisations.isPending ? (
        <LoadingNotice />
      ) : (
        <CreateProjectForm labels={labels} language={language} organisations={organisations.data ?? []} />
      )}
    </section>
  );
}
