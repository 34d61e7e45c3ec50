import '../components/organisations.css';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useAccountTexts } from '@/lib/i18n-account';
import { useOrganisationTexts } from '@/lib/i18n-organisations';
import { CreateOrganisationForm } from '../components/create-organisation-form';
import { useOrganisationLabels } from '../components/use-organisation-labels';

export function NewOrganisationRoute() {
  useAccountTexts();
  useOrganisationTexts();
  const { t } = useTranslation();
  const labels = useOrganisationLabels();
  const failed = labels.queries.find((query) => query.isError && !query.data);

  let body;
  if (failed) body = <ErrorNotice error={failed.error} onRetry={() => void failed.refetch()} />;
  else if (labels.queries.some((query) => !query.data)) body = <LoadingNotice />;
  else body = <CreateOrganisationForm labels={labels} />;

  return (
    <section aria-labelledby="new-organisation-title" className="narrow">
      <h1 id="new-organisation-title">{t('organisations.newTitle')}</h1>
      <p className="lead">{t('organisations.newIntro')}</p>
      {body}
    </section>
  );
}
