import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CheckboxField,
  Fieldset,
  FormAlert,
  SubmitButton,
  TextAreaField,
  TextField,
  useFocusFirstError,
  useFormErrors,
} from '@/components/ui/form';
import { scopes, scopeText, useCreateApiKey, type CreatedApiKey, type Scope } from '../api/api-keys';

const controls = ['name', 'scopes', 'expires_at', 'cors_origins', 'requests_per_minute'] as const;

/** An origin as browsers send it: `scheme://host[:port]`, no path, no trailing slash. */
const ORIGIN = /^https?:\/\/[^/?#\s:@]+(:\d{1,5})?$/i;

/** The origins typed one a line, blank lines dropped. */
export function originsOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The lines that are not an origin, to name them beside the field before sending. */
export function badOrigins(origins: readonly string[]): string[] {
  return origins.filter((origin) => !ORIGIN.test(origin));
}

/** The form that makes a key; `onCreated` receives the answer, the only one with the secret. */
export function CreateApiKeyForm({
  organisationId,
  onCreated,
}: {
  organisationId: string;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateApiKey(organisationId);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Scope[]>(['read']);
  const [expiry, setExpiry] = useState('');
  const [noScope, setNoScope] = useState(false);
  const [origins, setOrigins] = useState('');
  const [perMinute, setPerMinute] = useState('');
  const [wrongOrigins, setWrongOrigins] = useState<string[]>([]);
  const errors = useFormErrors(create.error, controls);
  const form = useFocusFirstError(create.error);

  const toggle = (scope: Scope, on: boolean) =>
    setChosen((current) => (on ? scopes.filter((s) => s === scope || current.includes(s)) : current.filter((s) => s !== scope)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cors_origins = originsOf(origins);
    const wrong = badOrigins(cors_origins);
    setNoScope(chosen.length === 0);
    setWrongOrigins(wrong);
    if (chosen.length === 0 || wrong.length > 0) return;
    // The key is refused after the chosen day: it lasts until that day's end (UTC).
    const expires_at = expiry ? `${expiry}T23:59:59Z` : null;
    // Empty: the API's default rate.
    const requests_per_minute = perMinute.trim() ? Number(perMinute) : null;
    create.mutate(
      { name: name.trim(), scopes: chosen, expires_at, cors_origins, requests_per_minute },
      {
        onSuccess: (key) => {
          setName('');
          setExpiry('');
          setOrigins('');
          setPerMinute('');
          setChosen(['read']);
          onCreated(key);
        },
      },
    );
  };

  return (
    <section aria-labelledby="create-api-key-title">
      <h3 id="create-api-key-title">{t('integrations.keys.createTitle')}</h3>
      <form ref={form} onSubmit={submit} noValidate>
        <FormAlert message={errors.general} />
        <TextField
          name="name"
          label={t('integrations.keys.name')}
          hint={t('integrations.keys.nameHint')}
          error={errors.fields.name}
          value={name}
          required
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
        />
        <Fieldset
          legend={t('integrations.keys.scopesLegend')}
          hint={t('integrations.keys.scopesHint')}
          error={noScope ? t('integrations.keys.scopeRequired') : errors.fields.scopes}
        >
          {scopes.map((scope) => (
            <CheckboxField
              key={scope}
              name="scopes"
              label={t(`integrations.keys.scope.${scopeText(scope)}`)}
              checked={chosen.includes(scope)}
              onChange={(on) => toggle(scope, on)}
            />
          ))}
        </Fieldset>
        <TextField
          name="expires_at"
          type="date"
          label={t('integrations.keys.expiresAt')}
          hint={t('integrations.keys.expiresAtHint')}
          error={errors.fields.expires_at}
          value={expiry}
          onChange={(event) => setExpiry(event.target.value)}
        />
        <TextAreaField
          name="cors_origins"
          label={t('integrations.keys.corsOrigins')}
          hint={t('integrations.keys.corsOriginsHint')}
          error={
            wrongOrigins.length > 0
              ? t('integrations.keys.badOrigins', { origins: wrongOrigins.join(', ') })
              : errors.fields.cors_origins
          }
          value={origins}
          rows={3}
          spellCheck={false}
          autoCapitalize="off"
          onChange={(event) => setOrigins(event.target.value)}
        />
        <TextField
          name="requests_per_minute"
          type="number"
          inputMode="numeric"
          min={1}
          max={6000}
          label={t('integrations.keys.requestsPerMinute')}
          hint={t('integrations.keys.requestsPerMinuteHint')}
          error={errors.fields.requests_per_minute}
          value={perMinute}
          onChange={(event) => setPerMinute(event.target.value)}
        />
        <SubmitButton pending={create.isPending} pendingLabel={t('integrations.keys.creating')}>
          {t('integrations.keys.create')}
        </SubmitButton>
      </form>
    </section>
  );
}
