import '../components/funding.css';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { TextField } from '@/components/ui/form';
import { ErrorNotice, LoadingNotice } from '@/components/ui/status';
import { useSession } from '@/features/auth';
import { useMyOrganisations } from '@/features/organisations';
import { useMyProjects } from '@/features/projects';
import { ApiError } from '@/lib/api/client';
import { newIdempotencyKey } from '@/lib/api/idempotency';
import { useFundingTexts } from '@/lib/i18n-funding';
import {
  type FundingCall,
  type NewApplication,
  useApply,
  useCall,
  useCheckApplication,
  useMyApplications,
} from '../api/funding-requests';
import { formatAmount } from '../components/amount';
import { RuleList } from '../components/rules';

/** A call with its rules; members apply from it, with their eligibility checked as they type. */
export function CallRoute() {
  useFundingTexts();
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const call = useCall(id);
  const { status } = useSession();
  const organisations = useMyOrganisations();
  const mine = useMyApplications();
  if (call.isPending) return <LoadingNotice />;
  if (!call.data) return <ErrorNotice error={call.error} onRetry={() => void call.refetch()} />;
  // The API decides who edits and reviews; the links show only to the funder's members.
  const funderMember = organisations.data?.some((membership) => membership.organisation_id === call.data.funder.id) ?? false;
  const applications = mine.data?.filter((application) => application.call_id === id) ?? [];
  return (
    <article aria-labelledby="call-title" className="narrow">
      <p>
        <Link to="/funding">{t('funding.calls.back')}</Link>
      </p>
      <CallDetails call={call.data} />
      {funderMember && (
        <p className="funding-actions">
          <Link to={`/funding/calls/${id}/edit`}>{t('funding.callForm.edit')}</Link>
          <Link to={`/funding/calls/${id}/applications`}>{t('funding.board.link')}</Link>
        </p>
      )}
      {applications.length > 0 && (
        <>
          <h2>{t('funding.applications.yours')}</h2>
          <ul>
            {applications.map((application) => (
              <li key={application.id}>
                <Link to={`/funding/applications/${application.id}`}>{application.project_title}</Link> ·{' '}
                {t(`funding.applicationStatus.${application.status}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      {status === 'authenticated' ? <ApplyForm call={call.data} /> : <p>{t('funding.apply.logIn')}</p>}
    </article>
  );
}

function CallDetails({ call }: { call: FundingCall }) {
  const { t, i18n } = useTranslation();
  const money = (amount: number) => formatAmount(amount, call.currency, i18n.language);
  const places = [...call.countries, ...call.regions];
  return (
    <>
      <h1 id="call-title" className="break-anywhere">
        {call.title}
      </h1>
      <p className="funding-meta">
        {call.funder.name} · {call.programme_name}
        {call.programme_code ? ` (${call.programme_code})` : ''} · {t(`funding.status.${call.status}`)}
      </p>
      <p>{call.description}</p>
      <h2>{t('funding.call.rules')}</h2>
      <ul>
        <li>
          {t('funding.call.budget')} {money(call.total_budget)}
          {call.grants_expected ? ` · ${t('funding.call.grants', { count: call.grants_expected })}` : ''}
        </li>
        {call.max_grant != null && <li>{t('funding.call.maxGrant', { amount: money(call.max_grant) })}</li>}
        {call.max_cofinancing_rate != null && <li>{t('funding.call.maxRate', { rate: call.max_cofinancing_rate })}</li>}
        <li>{t('funding.call.kinds', { kinds: call.applicant_kinds.map((kind) => t(`funding.kinds.${kind}` as 'funding.kinds.ngo')).join(', ') })}</li>
        <li>{places.length > 0 ? t('funding.call.places', { places: places.join(', ') }) : t('funding.call.anywhere')}</li>
        <li>{call.sectors.length > 0 ? t('funding.call.sectors', { sectors: call.sectors.join(', ') }) : t('funding.call.anySector')}</li>
        <li>{t('funding.call.window', { opens: call.opens_on, closes: call.closes_on, zone: call.time_zone })}</li>
      </ul>
    </>
  );
}

/** Whole days from today to `day` (both as calendar dates). */
function daysUntil(day: string): number {
  const today = new Date().toISOString().slice(0, 10);
  return Math.round((Date.parse(day) - Date.parse(today)) / 86_400_000);
}

type Draft = { project: string; organisation: string; requested: string; budget: string };

function body(draft: Draft, submit: boolean): NewApplication {
  return {
    project_id: draft.project,
    organisation_id: draft.organisation,
    amount_requested: Number(draft.requested),
    project_budget: Number(draft.budget),
    financing_plan: [],
    submit,
  };
}

/** The field errors of a refused application, by field, in the reader's language where the code has a text. */
function useFieldErrors(error: unknown): Record<string, string[]> {
  const { t } = useTranslation();
  const byField: Record<string, string[]> = {};
  if (!(error instanceof ApiError)) return byField;
  for (const item of error.problem?.errors ?? []) {
    const text = t(`funding.rules.${item.code}` as 'funding.rules.call_closed', { defaultValue: item.message });
    (byField[item.field] ??= []).push(text);
  }
  return byField;
}

function ApplyForm({ call }: { call: FundingCall }) {
  const { t } = useTranslation();
  const projects = useMyProjects();
  const organisations = useMyOrganisations();
  const [draft, setDraft] = useState<Draft>({ project: '', organisation: '', requested: '', budget: '' });
  const check = useCheckApplication(call.id);
  const apply = useApply(call.id);
  const key = useMemo(() => newIdempotencyKey(), []);
  const complete = draft.project !== '' && draft.organisation !== '' && Number(draft.requested) > 0 && Number(draft.budget) > 0;
  const { mutate: runCheck } = check;

  // Live eligibility: checked a moment after the last change.
  useEffect(() => {
    if (!complete) return;
    const timer = setTimeout(() => runCheck(body(draft, false)), 300);
    return () => clearTimeout(timer);
  }, [complete, draft, runCheck]);

  const errors = useFieldErrors(apply.error);
  // A changed field is checked again live: the last refusal no longer stands.
  const set = (field: keyof Draft) => (value: string) => {
    apply.reset();
    setDraft({ ...draft, [field]: value });
  };
  const send = (submit: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    apply.mutate({ body: body(draft, submit), idempotencyKey: `${key}-${submit ? 'submit' : 'draft'}` });
  };
  if (apply.isSuccess) {
    return (
      <p role="status" className="funding-verdict funding-verdict--yes">
        {t(apply.data.status === 'draft' ? 'funding.apply.saved' : 'funding.apply.sent')}{' '}
        <Link to={`/funding/applications/${apply.data.id}`}>
          {t(apply.data.status === 'draft' ? 'funding.apply.openDraft' : 'funding.apply.follow')}
        </Link>
      </p>
    );
  }
  return (
    <form aria-labelledby="apply-title" onSubmit={send(true)} noValidate>
      <h2 id="apply-title">{t('funding.apply.title')}</h2>
      {errors.call && <p className="field__error">{errors.call.join(' ')}</p>}
      <label className="field">
        {t('funding.apply.project')}
        {errors.project_id && <span className="field__error">{errors.project_id.join(' ')}</span>}
        <select className="input" name="project_id" value={draft.project} onChange={(event) => set('project')(event.target.value)}>
          <option value="">—</option>
          {(projects.data ?? []).map((project) => (
            <option key={project.id} value={project.id}>
              {project.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t('funding.apply.organisation')}
        {errors.organisation_id && <span className="field__error">{errors.organisation_id.join(' ')}</span>}
        <select
          className="input"
          name="organisation_id"
          value={draft.organisation}
          onChange={(event) => set('organisation')(event.target.value)}
        >
          <option value="">—</option>
          {(organisations.data ?? []).map((organisation) => (
            <option key={organisation.organisation_id} value={organisation.organisation_id}>
              {organisation.name}
            </option>
          ))}
        </select>
      </label>
      <TextField
        name="amount_requested"
        inputMode="numeric"
        label={t('funding.apply.requested', { currency: call.currency })}
        value={draft.requested}
        error={errors.amount_requested?.join(' ')}
        onChange={(event) => set('requested')(event.target.value)}
      />
      <TextField
        name="project_budget"
        inputMode="numeric"
        label={t('funding.apply.budget', { currency: call.currency })}
        value={draft.budget}
        error={errors.project_budget?.join(' ')}
        onChange={(event) => set('budget')(event.target.value)}
      />
      {complete && check.data && (
        <div
          aria-live="polite"
          className={check.data.eligible ? 'funding-verdict funding-verdict--yes' : 'funding-verdict funding-verdict--no'}
        >
          <strong>{t(check.data.eligible ? 'funding.apply.eligible' : 'funding.apply.notEligible')}</strong>
          <RuleList rules={check.data.rules} daysLeft={daysUntil(call.closes_on)} />
        </div>
      )}
      <div className="funding-actions">
        <button type="submit" className="button" disabled={apply.isPending}>
          {t('funding.apply.submit')}
        </button>
        <button type="button" className="button button--secondary" disabled={apply.isPending} onClick={() => send(false)()}>
          {t('funding.apply.saveDraft')}
        </button>
      </div>
    </form>
  );
}
