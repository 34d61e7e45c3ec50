import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CheckboxField,
  Fieldset,
  FormAlert,
  SubmitButton,
  TextField,
  useFocusFirstError,
  useFormErrors,
} from '@/components/ui/form';
import { scopes, scopeText, useCreateApiKey, type CreatedApiKey, type Scope } from '../api/api-keys';

const controls = ['name', 'scopes', 'expires_at'] as const;

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
  const errors = useFormErrors(create.error, controls);
  const form = useFocusFirstError(create.error);

  const toggle = (scope: Scope, on: boolean) =>
    setChosen((current) => (on ? scopes.filter((s) => s === scope || current.includes(s)) : current.filter((s) => s !== scope)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNoScope(chosen.length === 0);
    if (chosen.length === 0) return;
    // The key is refused after the chosen day: it lasts until that day's end (UTC).
    const expires_at = expiry ? `${expiry}T23:59:59Z` : null;
    create.mutate(
      { name: name.trim(), scopes: chosen, expires_at },
      {
        onSuccess: (key) => {
          setName('');
          setExpiry('');
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
        <SubmitButton pending={create.isPending} pendingLabel={t('integrations.keys.creating')}>
          {t('integrations.keys.create')}
        </SubmitButton>
      </form>
    </section>
  );
}
