import '@/components/ui/contacts.css';
import type { TFunction } from 'i18next';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SelectField, SubmitButton, TextAreaField, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import { missingFields, type FieldMessages } from '@/components/ui/form-errors';
import { useMyOrganisations } from '@/features/organisations';
import { ApiError } from '@/lib/api/client';
import { createIdempotencyKeys } from '@/lib/api/idempotency';
import { useAccountTexts } from '@/lib/i18n-account';
import { useContactTexts } from '@/lib/i18n-contacts';
import { useExpressInterest, type Interest, type NewInterest, type TargetKind } from '../api/interest-requests';

const interestControls = ['message', 'organisation_id'] as const;

/** The request body for what the member typed and chose: the message trimmed, an organisation only when chosen. */
export function interestBody(target: { kind: TargetKind; id: string }, message: string, organisationId: string): NewInterest {
  return {
    target: { kind: target.kind, id: target.id },
    message: message.trim(),
    ...(organisationId ? { organisation_id: organisationId } : {}),
  };
}

function interestFieldMessages(t: TFunction): FieldMessages {
  return (error, control) => {
    if (control === 'message' && (error.code === 'length' || error.code === 'required')) return t('contacts.interest.messageLength');
    if (control === 'organisation_id') return t('contacts.interest.notAMember');
    if (control === 'target' && error.code === 'own_item') return t('contacts.interest.ownItem');
    if (control === 'target' && error.code === 'not_open') return t('contacts.interest.notOpen');
    return undefined;
  };
}

/**
 * The form-wide message of the problems this form words its own way: a pending interest already
 * (409), the daily cap (429, with the wait from `Retry-After` in hours or minutes) and a target
 * gone (404); `null` for the rest, which the shared wording covers.
 */
export function interestProblem(error: unknown, t: TFunction): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 409) return t('contacts.interest.duplicate');
  if (error.status === 404) return t('contacts.interest.gone');
  if (error.status === 429) {
    const seconds = error.retryAfter;
    if (seconds === undefined) return t('contacts.interest.dailyCap');
    if (seconds >= 3600) return t('contacts.interest.dailyCapHours', { count: Math.ceil(seconds / 3600) });
    return t('contacts.interest.dailyCapMinutes', { count: Math.max(1, Math.ceil(seconds / 60)) });
  }
  return null;
}

interface InterestFormProps {
  target: { kind: TargetKind; id: string };
  onSent: (interest: Interest) => void;
  onCancel: () => void;
}

/**
 * The message to the author of a project or an opportunity, optionally on behalf of one of the
 * member's organisations (read from their data export, the only list of them the API has).
 */
export function InterestForm({ target, onSent, onCancel }: InterestFormProps) {
  useAccountTexts();
  useContactTexts();
  const { t } = useTranslation();
  const id = useId();
  const [message, setMessage] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [missing, setMissing] = useState<ApiError | null>(null);
  const [keyFor] = useState(createIdempotencyKeys);
  const organisations = useMyOrganisations();
  const express = useExpressInterest();
  const failure = missing ?? express.error;
  const errors = useFormErrors(failure, interestControls, interestFieldMessages(t));
  const own = failure ? interestProblem(failure, t) : null;
  const general = own ?? errors.general;
  const form = useFocusFirstError(failure);

  // Opened by a tap on "I am interested": the message box takes the focus.
  useEffect(() => form.current?.querySelector('textarea')?.focus(), [form]);

  return (
    <section aria-labelledby={`${id}-title`} className="interest-panel">
      <h2 id={`${id}-title`}>{t('contacts.interest.title')}</h2>
      <p className="lead">{t('contacts.interest.intro')}</p>
      <form
        ref={form}
        noValidate
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (express.isPending) return;
          const local = missingFields(message.trim() ? [] : ['message']);
          setMissing(local);
          if (local) return;
          const interest = interestBody(target, message, organisationId);
          express.mutate({ interest, idempotencyKey: keyFor(interest) }, { onSuccess: onSent });
        }}
      >
        {general && (
          <div role="alert" tabIndex={-1} className="notice notice--error" data-form-alert="">
            <p>{general}</p>
            {failure instanceof ApiError && failure.status === 409 && (
              <p>
                <Link to="/interests?box=sent">{t('contacts.interest.seeSent')}</Link>
              </p>
            )}
          </div>
        )}
        <TextAreaField
          name="message"
          label={t('contacts.interest.message')}
          hint={t('contacts.interest.messageHint')}
          rows={5}
          maxLength={2000}
          required
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          error={errors.fields.message}
        />
        {organisations.data && organisations.data.length > 0 && (
          <SelectField
            name="organisation_id"
            label={t('contacts.interest.organisation')}
            value={organisationId}
            choices={[
              { value: '', label: t('contacts.interest.asMyself') },
              ...organisations.data.map((membership) => ({ value: membership.organisation_id, label: membership.name })),
            ]}
            onChange={setOrganisationId}
            error={errors.fields.organisation_id}
          />
        )}
        <div className="form-actions">
          <SubmitButton pending={express.isPending} pendingLabel={t('form.sending')}>
            {t('contacts.interest.submit')}
          </SubmitButton>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('contacts.interest.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
