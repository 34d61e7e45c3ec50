import type { TFunction } from 'i18next';
import { ApiError, type FieldError } from '@/lib/api/client';

/** What a failed submission shows: a message beside each named control, and one for the form. */
export interface FormErrors {
  fields: Readonly<Record<string, string>>;
  general: string | null;
}

export const noFormErrors: FormErrors = Object.freeze({ fields: Object.freeze({}), general: null });

/**
 * A form's own wording for the errors of its fields (a name's length, an e-mail that is nobody's),
 * given the error and its control; `undefined` leaves the shared wording.
 */
export type FieldMessages = (error: FieldError, control: string) => string | undefined;

/**
 * The form control an API field path belongs to: the path up to its first index or member, so
 * that `sectors[1]` is the sectors control and `items[2].code` the items one.
 */
export function controlName(field: string): string {
  return field.split(/[[.]/, 1)[0] ?? field;
}

/** A field error in the member's language; the API's English message when we have no wording. */
function fieldMessage(error: FieldError, t: TFunction): string {
  const name = controlName(error.field);
  switch (error.code) {
    case 'email':
      return t('fieldErrors.email');
    case 'too_short':
      return t('fieldErrors.passwordTooShort');
    case 'too_long':
      return t('fieldErrors.passwordTooLong');
    case 'too_common':
      return t('fieldErrors.passwordTooCommon');
    case 'wrong_password':
      return t('fieldErrors.wrongPassword');
    case 'invalid_token':
      return t('fieldErrors.invalidToken');
    case 'unknown_code':
      // A typed ISO 3166-2 code, not a choice from a list.
      if (name === 'residence_subdivision') return t('fieldErrors.subdivisionCode');
      return t('fieldErrors.unknownCode');
    case 'requires_country':
      return t('fieldErrors.requiresCountry');
    case 'url':
      return t('fieldErrors.url');
    case 'required':
      return t('fieldErrors.required');
    case 'length':
      if (name === 'display_name') return t('fieldErrors.displayNameLength');
      if (name === 'bio') return t('fieldErrors.bioLength');
      if (name === 'skills') return t('fieldErrors.skillsLength');
      if (name === 'sectors' || name === 'countries' || name === 'languages') return t('fieldErrors.tooManyChoices');
      return t('fieldErrors.length');
    default:
      return error.message;
  }
}

/** The form-wide message for a problem that names no field of the form. */
export function problemMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('status.offline');
  switch (error.problem?.code) {
    case 'rate_limited':
      return error.retryAfter === undefined
        ? t('errors.rateLimitedSoon')
        : t('errors.rateLimited', { count: Math.max(1, error.retryAfter) });
    case 'invalid_credentials':
      return t('errors.invalidCredentials');
    case 'account_suspended':
      return t('errors.accountSuspended');
    case 'email_not_verified':
      return t('errors.emailNotVerified');
    case 'unauthenticated':
      return t('errors.unauthenticated');
    case 'precondition_failed':
      return t('errors.stale');
    case 'payload_too_large':
      return t('errors.tooLarge');
    default:
      if (error.status === 429) return t('errors.rateLimitedSoon');
      if (error.status >= 500) return t('errors.server');
      return t('errors.generic');
  }
}

/**
 * The control of `controls` an API field path lands on: the path itself when a control has
 * it (the rows of a list, `territories[0].country`), else its first member (`sectors[1]` →
 * `sectors`); `undefined` when the form has no such control.
 */
export function controlOf(field: string, controls: readonly string[]): string | undefined {
  if (controls.includes(field)) return field;
  const name = controlName(field);
  return controls.includes(name) ? name : undefined;
}

/**
 * Spreads a failed submission over a form: field errors beside the controls listed in
 * `controls` (worded by `own` first, when given), everything else (other fields, rate limits,
 * network) in the form-wide message.
 */
export function formErrorsFrom(
  error: unknown,
  t: TFunction,
  controls: readonly string[],
  own?: FieldMessages,
): FormErrors {
  const fieldErrors = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  if (fieldErrors.length === 0) return { fields: {}, general: problemMessage(error, t) };

  const fields: Record<string, string[]> = {};
  const elsewhere: string[] = [];
  for (const fieldError of fieldErrors) {
    const name = controlOf(fieldError.field, controls);
    const message = own?.(fieldError, name ?? controlName(fieldError.field)) ?? fieldMessage(fieldError, t);
    if (name === undefined) elsewhere.push(message);
    else if (!fields[name]?.includes(message)) (fields[name] ??= []).push(message);
  }
  const placed = Object.entries(fields).map(([name, messages]) => [name, messages.join(' ')] as const);
  if (placed.length > 0) elsewhere.push(t('errors.checkFields'));
  return { fields: Object.fromEntries(placed), general: elsewhere.join(' ') };
}

/**
 * The failure for required controls left empty, found before sending: shown and focused like the
 * API's own field errors, without a round trip on a slow link. `null` when none is empty.
 */
export function missingFields(names: readonly string[]): ApiError | null {
  if (names.length === 0) return null;
  return new ApiError(422, {
    type: 'urn:marcottage:problem:validation_failed',
    title: 'Unprocessable Content',
    status: 422,
    code: 'validation_failed',
    errors: names.map((field) => ({ field, code: 'required', message: `${field} is required` })),
  });
}
