import '../components/funding.css';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useSession } from '@/features/auth';
import { projectQueryOptions, useMayEdit } from '@/features/projects';
import { newIdempotencyKey } from '@/lib/api/idempotency';
import { useFundingTexts } from '@/lib/i18n-funding';
import {
  type FinancingPlan,
  type Indicator,
  useAddMeasurement,
  useEligibleCalls,
  useFinancing,
  useIndicators,
} from '../api/funding-requests';
import { formatAmount } from '../components/amount';
import { AddLineForm, EditLine } from '../components/financing-forms';
import { AddIndicatorForm } from '../components/indicator-form';
import { ProgressBar } from '../components/progress-bar';
import { RuleList } from '../components/rules';

/** A project's funding: the calls it may apply to, its financing plan and its results. */
export function ProjectFundingRoute() {
  useFundingTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const financing = useFinancing(id);
  const indicators = useIndicators(id);
  const calls = useEligibleCalls(id);
  const project = useQuery(projectQueryOptions(id));
  // The forms show to the project's editors; the API decides all the same.
  const editor = useMayEdit(project.data?.project) === true;
  return (
    <article aria-labelledby="project-funding-title" className="narrow">
      <p>
        <Link to={`/projects/${id}`}>{t('funding.project.back')}</Link>
      </p>
      <h1 id="project-funding-title">{t('funding.project.title')}</h1>
      <h2>{t('funding.project.plan')}</h2>
      {financing.isPending && <LoadingNotice />}
      {financing.error && <ErrorNotice error={financing.error} onRetry={() => void financing.refetch()} />}
      {financing.data && <Plan plan={financing.data} project={id} editor={editor} />}
      <h2>{t('funding.project.results')}</h2>
      {indicators.isPending && <LoadingNotice />}
      {indicators.data?.map((indicator) => <IndicatorCard key={indicator.id} project={id} indicator={indicator} />)}
      {editor && <AddIndicatorForm project={id} />}
      <h2>{t('funding.project.calls')}</h2>
      <ul className="funding-list">
        {calls.data?.map((entry) => (
          <li key={entry.call.id} className="funding-card">
            <h3>
              <Link to={`/funding/calls/${entry.call.id}`}>{entry.call.title}</Link>
            </h3>
            <strong>{t(entry.eligible ? 'funding.apply.eligible' : 'funding.apply.notEligible')}</strong>
            <RuleList rules={entry.rules} daysLeft={entry.days_left} />
          </li>
        ))}
      </ul>
    </article>
  );
}

function Plan({ plan, project, editor }: { plan: FinancingPlan; project: string; editor: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <table className="funding-table">
        <tbody>
          {plan.lines.map((line) => (
            <tr key={line.id}>
              <td>
                {line.funder_name}
                {line.application_id && (
                  <>
                    {' '}
                    <Link className="funding-meta" to={`/funding/applications/${line.application_id}`}>
                      {t('funding.financing.fromApplication')}
                    </Link>
                  </>
                )}
              </td>
              <td>{formatAmount(line.amount, line.currency, i18n.language)}</td>
              <td>{t(`funding.line.${line.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {editor && plan.lines.length > 0 && (
        <details className="funding-card">
          <summary>{t('funding.financing.edit')}</summary>
          {plan.lines.map((line) => (
            <section key={`${line.id}-${line.version}`} aria-label={line.funder_name}>
              <h3>{line.funder_name}</h3>
              <EditLine project={project} line={line} />
            </section>
          ))}
        </details>
      )}
      {editor && <AddLineForm project={project} currency={plan.budget_currency ?? 'EUR'} />}
      <ul>
        {plan.totals.map((total) => (
          <li key={total.currency}>
            {t('funding.project.total', {
              amount: formatAmount(total.total, total.currency, i18n.language),
              received: formatAmount(total.received, total.currency, i18n.language),
            })}
          </li>
        ))}
      </ul>
      {plan.covered_percent != null && plan.budget_amount != null && plan.budget_currency && (
        <>
          <p>
            {t('funding.project.covered', {
              percent: Math.round(plan.covered_percent),
              budget: formatAmount(plan.budget_amount, plan.budget_currency, i18n.language),
            })}
          </p>
          <ProgressBar value={plan.covered_percent / 100} label={t('funding.project.plan')} />
        </>
      )}
    </>
  );
}

function IndicatorCard({ project, indicator }: { project: string; indicator: Indicator }) {
  const { t, i18n } = useTranslation();
  const { status } = useSession();
  const number = (value: number) => new Intl.NumberFormat(i18n.language).format(value);
  const points = indicator.measurements.map((m) => ({ date: m.measured_on, value: m.value }));
  return (
    <section className="funding-card" aria-label={indicator.title}>
      <h3>{indicator.title}</h3>
      <p className="funding-meta" data-testid="indicator-progress">
        {t('funding.indicator.progress', {
          actual: number(indicator.actual_value),
          target: number(indicator.target_value),
          unit: indicator.unit,
          percent: Math.round(indicator.progress * 1000) / 10,
          due: indicator.due_on,
        })}
      </p>
      <ProgressBar value={indicator.progress} label={indicator.title} />
      {points.length > 1 && (
        <div className="funding-chart">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 10, right: 10, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="date" fontSize={11} />
              <YAxis fontSize={11} width={48} />
              <Tooltip />
              <Line type="monotone" dataKey="value" stroke="#1f6feb" isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      <ul className="funding-meta">
        {indicator.measurements.map((m) => (
          <li key={m.id}>
            {m.measured_on}: {number(m.value)} {indicator.unit}
            {m.note ? ` — ${m.note}` : ''}
          </li>
        ))}
      </ul>
      {status === 'authenticated' && <MeasurementForm project={project} indicator={indicator.id} />}
    </section>
  );
}

function MeasurementForm({ project, indicator }: { project: string; indicator: string }) {
  const { t } = useTranslation();
  const add = useAddMeasurement(project);
  const [value, setValue] = useState('');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const key = useMemo(() => newIdempotencyKey(), []);
  return (
    <form
      className="funding-actions"
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate(
          { indicator, body: { measured_on: date, value: Number(value) }, idempotencyKey: `${key}-${date}-${value}` },
          { onSuccess: () => setValue('') },
        );
      }}
    >
      <label>
        {t('funding.indicator.date')}
        <input className="input" type="date" name="measured_on" value={date} onChange={(event) => setDate(event.target.value)} />
      </label>
      <label>
        {t('funding.indicator.value')}
        <input className="input" name="value" inputMode="decimal" value={value} onChange={(event) => setValue(event.target.value)} />
      </label>
      <button type="submit" className="button" disabled={add.isPending || value === ''}>
        {t('funding.indicator.record')}
      </button>
      {add.error && <ErrorNotice error={add.error} onRetry={() => add.reset()} />}
    </form>
  );
}
