import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import {
  errors as enErrors,
  fieldErrors as enFieldErrors,
  fields as enFields,
  form as enForm,
  login as enLogin,
  passwordReset as enPasswordReset,
  profile as enProfile,
  register as enRegister,
  settings as enSettings,
  verifyEmail as enVerifyEmail,
} from '@/locales/en.json';
import {
  errors,
  fieldErrors,
  fields,
  form,
  login,
  passwordReset,
  profile,
  register,
  settings,
  verifyEmail,
} from '@/locales/fr.json';

/** The sections of the locale files that only the account and profile pages use. */
const accountTexts = {
  fr: { errors, fieldErrors, fields, form, login, passwordReset, profile, register, settings, verifyEmail },
  en: {
    errors: enErrors,
    fieldErrors: enFieldErrors,
    fields: enFields,
    form: enForm,
    login: enLogin,
    passwordReset: enPasswordReset,
    profile: enProfile,
    register: enRegister,
    settings: enSettings,
    verifyEmail: enVerifyEmail,
  },
};

const extended = new WeakSet<I18n>();

/** Adds the account and profile texts to `instance`, once. */
export function addAccountTexts(instance: I18n): void {
  if (extended.has(instance)) return;
  extended.add(instance);
  for (const [lng, sections] of Object.entries(accountTexts)) {
    instance.addResourceBundle(lng, 'translation', sections, true, false);
  }
}

/**
 * Called first by every account and profile page (they load lazily, and their texts with them),
 * so that their texts are there before their first render.
 */
export function useAccountTexts(): void {
  addAccountTexts(useTranslation().i18n);
}
