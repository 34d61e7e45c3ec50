import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, Field, FormAlert, SubmitButton, TextField, useFocusFirstError, useFormErrors } from '@/components/ui/form';
import type { Me, OwnProfile } from '@/features/auth';
import { languages as appLanguages } from '@/lib/i18n';
import { useUpdateProfile, type ProfileChanges } from '../api/update-profile';
import { CodeMultiSelect, CodeSelect } from '@/components/ui/code-select';
import type { CodeOptions } from '@/lib/taxonomies/code-options';

/** What the form edits, as the controls hold it. */
export interface ProfileDraft {
  display_name: string;
  bio: string;
  /** Comma-separated, as typed. */
  skills: string;
  sectors: string[];
  countries: string[];
  languages: string[];
  country_of_origin: string;
  country_of_residence: string;
  /** ISO 3166-2 code (`FR-13`), as typed. */
  residence_subdivision: string;
  diaspora_counted: boolean;
  locale: OwnProfile['locale'];
}

const controls = [
  'display_name',
  'bio',
  'skills',
  'sectors',
  'countries',
  'languages',
  'country_of_origin',
  'country_of_residence',
  'residence_subdivision',
  'diaspora_counted',
  'locale',
] as const;

export function draftOf(profile: OwnProfile): ProfileDraft {
  return {
    display_name: profile.display_name,
    bio: profile.bio ?? '',
    skills: profile.skills.join(', '),
    sectors: profile.sectors,
    countries: profile.countries,
    languages: profile.languages,
    country_of_origin: profile.country_of_origin ?? '',
    country_of_residence: profile.country_of_residence ?? '',
    residence_subdivision: profile.residence_subdivision ?? '',
    diaspora_counted: profile.diaspora_counted,
    locale: profile.locale,
  };
}

/** The PATCH body: every field, with empty text and empty choices sent as `null` (cleared). */
export function changesOf(draft: ProfileDraft): ProfileChanges {
  return {
    display_name: draft.display_name.trim(),
    bio: draft.bio.trim() || null,
    skills: draft.skills
      .split(',')
      .map((skill) => skill.trim())
      .filter(Boolean),
    sectors: draft.sectors,
    countries: draft.countries,
    languages: draft.languages,
    country_of_origin: draft.country_of_origin || null,
    country_of_residence: draft.country_of_residence || null,
    // ISO 3166-2 codes are upper case; people type `fr-13` too.
    residence_subdivision: draft.residence_subdivision.trim().toUpperCase() || null,
    diaspora_counted: draft.diaspora_counted,
    locale: draft.locale,
  };
}

export interface ProfileOptions {
  countries: CodeOptions;
  languages: CodeOptions;
  sectors: CodeOptions;
}

interface ProfileFormProps {
  me: Me;
  options: ProfileOptions;
}

export function ProfileForm({ me, options }: ProfileFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(me.profile));
  const update = useUpdateProfile({ onStale: (fresh) => setDraft(draftOf(fresh.profile)) });
  const errors = useFormErrors(update.error, controls);
  const form = useFocusFirstError(update.error);

  const set = <K extends keyof ProfileDraft>(key: K) => (value: ProfileDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    if (update.isSuccess) update.reset();
  };

  return (
    <form
      ref={form}
      noValidate
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate(
          { changes: changesOf(draft), etag: me.etag },
          { onSuccess: (saved) => setDraft(draftOf(saved.profile)) },
        );
      }}
    >
      <FormAlert message={errors.general} />
      <TextField
        name="display_name"
        label={t('fields.displayName')}
        autoComplete="name"
        maxLength={100}
        required
        value={draft.display_name}
        onChange={(event) => set('display_name')(event.target.value)}
        error={errors.fields.display_name}
      />
      <Field label={t('profile.bio')} hint={t('profile.bioHint')} error={errors.fields.bio}>
        {(control) => (
          <textarea
            className="input"
            name="bio"
            rows={5}
            maxLength={2000}
            value={draft.bio}
            onChange={(event) => set('bio')(event.target.value)}
            {...control}
          />
        )}
      </Field>
      <TextField
        name="skills"
        label={t('profile.skills')}
        hint={t('profile.skillsHint')}
        value={draft.skills}
        onChange={(event) => set('skills')(event.target.value)}
        error={errors.fields.skills}
      />
      <CodeSelect
        name="country_of_origin"
        label={t('profile.countryOfOrigin')}
        options={options.countries}
        value={draft.country_of_origin}
        onChange={set('country_of_origin')}
        noneLabel={t('profile.noCountry')}
        error={errors.fields.country_of_origin}
      />
      <CodeSelect
        name="country_of_residence"
        label={t('profile.countryOfResidence')}
        options={options.countries}
        value={draft.country_of_residence}
        onChange={set('country_of_residence')}
        noneLabel={t('profile.noCountry')}
        error={errors.fields.country_of_residence}
      />
      <TextField
        name="residence_subdivision"
        label={t('profile.residenceSubdivision')}
        hint={t('profile.residenceSubdivisionHint')}
        autoCapitalize="characters"
        maxLength={6}
        value={draft.residence_subdivision}
        onChange={(event) => set('residence_subdivision')(event.target.value)}
        error={errors.fields.residence_subdivision}
      />
      <CheckboxField
        name="diaspora_counted"
        label={t('profile.diasporaCounted')}
        checked={draft.diaspora_counted}
        onChange={set('diaspora_counted')}
      />
      {errors.fields.diaspora_counted && <p className="field__error">{errors.fields.diaspora_counted}</p>}
      <CodeMultiSelect
        name="countries"
        label={t('profile.countries')}
        options={options.countries}
        value={draft.countries}
        onChange={set('countries')}
        error={errors.fields.countries}
      />
      <CodeMultiSelect
        name="sectors"
        label={t('profile.sectors')}
        options={options.sectors}
        value={draft.sectors}
        onChange={set('sectors')}
        showCodes
        error={errors.fields.sectors}
      />
      <CodeMultiSelect
        name="languages"
        label={t('profile.languages')}
        options={options.languages}
        value={draft.languages}
        onChange={set('languages')}
        error={errors.fields.languages}
      />
      <Field label={t('profile.locale')} hint={t('profile.localeHint')} error={errors.fields.locale}>
        {(control) => (
          <select
            className="input"
            name="locale"
            value={draft.locale}
            onChange={(event) => set('locale')(event.target.value as ProfileDraft['locale'])}
            {...control}
          >
            {appLanguages.map((lng) => (
              <option key={lng} value={lng} lang={lng}>
                {t(`language.${lng}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <SubmitButton pending={update.isPending} pendingLabel={t('form.saving')}>
          {t('profile.save')}
        </SubmitButton>
        {/* Always there, so that screen readers announce the text when it appears. */}
        <p role="status" className={update.isSuccess ? 'notice notice--success' : 'visually-hidden'}>
          {update.isSuccess ? t('profile.saved') : ''}
        </p>
      </div>
    </form>
  );
}
