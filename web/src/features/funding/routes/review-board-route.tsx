import '../components/funding.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useFundingTexts } from '@/lib/i18n-funding';
import { type Application, type ApplicationStatus, useBoard, useReview } from '../api/funding-requests';
import { formatAmount } from '../components/amount';

const FILTERS: (ApplicationStatus | '')[] = ['', 'submitted', 'under_review', 'accepted', 'rejected'];

/** The funder's review board of a call: applications by status, each moved one step. */
export function ReviewBoardRoute() {
  useFundingTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [status, setStatus] = useState<ApplicationStatus | ''>('');
  const board = useBoard(id, status);
  return (
    <section aria-labelledby="board-title">
      <p>
        <Link to={`/funding/calls/${id}`}>{t('funding.board.back')}</Link>
      </p>
      <h1 id="board-title">{t('funding.board.title')}</h1>
      <label>
        {t('funding.calls.status')}
        <select className="input" name="status" value={status} onChange={(event) => setStatus(event.target.value as ApplicationStatus | '')}>
          {FILTERS.map((value) => (
            <option key={value} value={value}>
              {value ? t(`funding.applicationStatus.${value}`) : t('funding.board.all')}
            </option>
          ))}
        </select>
      </label>
      {board.isPending && <LoadingNotice />}
      {board.error && <ErrorNotice error={board.error} onRetry={() => void board.refetch()} />}
      {board.data && (
        <ul className="funding-list">
          {board.data.items.map((application) => (
            <li key={application.id} className="funding-card">
              <ApplicationCard application={application} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ApplicationCard({ application }: { application: Application }) {
  const { t, i18n } = useTranslation();
  const review = useReview();
  const [amount, setAmount] = useState(String(application.amount_requested));
  const [comment, setComment] = useState('');
  const money = (value: number) => formatAmount(value, application.currency, i18n.language);
  const move = (status: ApplicationStatus) =>
    review.mutate({
      id: application.id,
      review: {
        status,
        amount_granted: status === 'accepted' ? Number(amount) : undefined,
        comment: comment || undefined,
      },
    });
  return (
    <>
      <h2>{application.project_title}</h2>
      <p className="funding-meta">
        {application.organisation_name} · {t(`funding.applicationStatus.${application.status}`)}
      </p>
      <p className="funding-meta">
        {t('funding.board.requested', { amount: money(application.amount_requested), budget: money(application.project_budget) })}
        {application.amount_granted != null && ` · ${t('funding.board.granted', { amount: money(application.amount_granted) })}`}
      </p>
      {review.error && <ErrorNotice error={review.error} onRetry={() => review.reset()} />}
      {application.status === 'submitted' && (
        <button type="button" className="button" onClick={() => move('under_review')}>
          {t('funding.board.takeUp')}
        </button>
      )}
      {application.status === 'under_review' && (
        <div className="funding-actions">
          <label>
            {t('funding.board.amount')}
            <input className="input" name="amount_granted" inputMode="numeric" value={amount} onChange={(event) => setAmount(event.target.value)} />
          </label>
          <button type="button" className="button" onClick={() => move('accepted')}>
            {t('funding.board.accept')}
          </button>
          <label>
            {t('funding.board.comment')}
            <input className="input" name="comment" value={comment} onChange={(event) => setComment(event.target.value)} />
          </label>
          <button type="button" className="button button--secondary" onClick={() => move('rejected')}>
            {t('funding.board.reject')}
          </button>
        </div>
      )}
    </>
  );
}
