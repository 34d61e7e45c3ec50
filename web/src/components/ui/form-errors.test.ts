import { createI18n } from '@/lib/i18n';
import { addAccountTexts } from '@/lib/i18n-account';
import { ApiError, type Problem } from '@/lib/api/client';
import { controlName, controlOf, formErrorsFrom } from './form-errors';

const i18n = createI18n('en');
addAccountTexts(i18n);
const t = i18n.t;

function validation(errors: Problem['errors']): ApiError {
  return new ApiError(422, {
    type: 'urn:marcottage:problem:validation_failed',
    title: 'Unprocessable Entity',
    status: 422,
    code: 'validation_failed',
    errors,
  });
}

describe('controlName', () => {
  it('names the control an indexed or nested API field belongs to', () => {
    expect(controlName('sectors[1]')).toBe('sectors');
    expect(controlName('items[2].code')).toBe('items');
    expect(controlName('profile.bio')).toBe('profile');
    expect(controlName('country_of_origin')).toBe('country_of_origin');
  });
});

describe('controlOf', () => {
  it('lands on a row’s own control when the form has it, else on the list', () => {
    const controls = ['territories', 'territories[0].country', 'territories[0].place'];
    expect(controlOf('territories[0].country', controls)).toBe('territories[0].country');
    // A row the form no longer shows: the error goes to the list as a whole.
    expect(controlOf('territories[3].place', controls)).toBe('territories');
    expect(controlOf('sectors[1]', controls)).toBeUndefined();
  });
});

describe('formErrorsFrom', () => {
  it('puts each field error beside its control, once, in the member’s language', () => {
    const errors = formErrorsFrom(
      validation([
        { field: 'sectors[1]', code: 'unknown_code', message: '`999` is not a known code' },
        { field: 'sectors[3]', code: 'unknown_code', message: '`998` is not a known code' },
        { field: 'display_name', code: 'length', message: 'use 1 to 100 characters' },
      ]),
      t,
      ['display_name', 'sectors'],
    );
    expect(errors.fields).toEqual({
      sectors: 'This choice is not in the list.',
      display_name: 'Enter a name of 1 to 100 characters.',
    });
    expect(errors.general).toBe('Please correct the fields marked below.');
  });

  it('says form-wide what concerns no control of the form, in the API’s words when we have none', () => {
    const errors = formErrorsFrom(
      validation([
        { field: 'token', code: 'invalid_token', message: 'this link is invalid' },
        { field: 'body', code: 'invalid_type', message: 'invalid type: string, expected a sequence' },
      ]),
      t,
      ['password'],
    );
    expect(errors.fields).toEqual({});
    expect(errors.general).toBe(
      'This link is no longer valid: it has been used already or has expired. invalid type: string, expected a sequence',
    );
  });

  it('tells how long to wait after too many attempts', () => {
    const limited = new ApiError(
      429,
      { type: 'urn:marcottage:problem:rate_limited', title: 'Too Many Requests', status: 429, code: 'rate_limited' },
      42,
    );
    expect(formErrorsFrom(limited, t, ['email'])).toEqual({
      fields: {},
      general: 'Too many attempts. Try again in 42 seconds.',
    });
  });

  it('says why an unconfirmed address may not publish or write yet', () => {
    const unconfirmed = new ApiError(403, {
      type: 'urn:marcottage:problem:email_not_verified',
      title: 'Forbidden',
      status: 403,
      code: 'email_not_verified',
    });
    expect(formErrorsFrom(unconfirmed, t, ['title']).general).toMatch(/^Confirm your e-mail address first/);
  });

  it('blames the connection when the API did not answer', () => {
    expect(formErrorsFrom(new TypeError('Failed to fetch'), t, ['email']).general).toBe(
      'The server does not answer. Check your connection and try again.',
    );
  });
});
