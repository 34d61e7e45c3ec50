import '@/components/ui/contacts.css';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Fieldset,
  FormAlert,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useFocusFirstError,
  useFormErrors,
} from '@/components/ui/form';
import { missingFields, type FieldMessages } from '@/components/ui/form-errors';
import { ApiError } from '@/lib/api/client';
import { createIdempotencyKeys } from '@/lib/api/idempotency';
import { useIntroduce, type Introduction, type NewIntroduction, type SideKind } from '../api/introduction-requests';

const introductionControls = ['a', 'b', 'note'] as const;
const sideKinds: readonly SideKind[] = ['member', 'project', 'opportunity'];
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * A side from what the facilitator pasted: the address of a project's or an opportunity's page
 * (its kind comes with it), or a bare id of the kind chosen; `null` when there is no id in it.
 */
export function sideOf(kind: SideKind, pasted: string): { kind: SideKind; id: string } | null {
  const found = uuid.exec(pasted);
  if (!found) return null;
  const id = found[0].toLowerCase();
  if (/\/projects\//.test(pasted)) return { kind: 'project', id };
  if (/\/opportunities\//.test(pasted)) return { kind: 'opportunity', id };
  return { kind, id };
}

function introductionFieldMessages(t: TFunction): FieldMessages {
  return (error, control) => {
    if (error.code === 'invalid_link') return t('contacts.introductions.targetInvalid');
    if (error.code === 'not_found') return t('contacts.introductions.sideNotFound');
    if (error.code === 'same_member') return t('contacts.introductions.sameMember');
    if (error.code === 'facilitator_is_side') return t('contacts.introductions.facilitatorIsSide');
    if (control === 'note' && error.code === 'length') return t('contacts.introductions.noteLength');
    return undefined;
  };
}

interface Draft {
  aKind: SideKind;
  a: string;
  bKind: SideKind;
  b: string;
  note: string;
}

/** A facilitator's form: two members, projects or opportunities, and why they should meet. */
export function IntroductionForm({ onDone }: { onDone: (introduction: Introduction) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>({ aKind: 'project', a: '', bKind: 'opportunity', b: '', note: '' });
  const [local, setLocal] = useState<ApiError | null>(null);
  const [keyFor] = useState(createIdempotencyKeys);
  const introduce = useIntroduce();
  const failure = local ?? introduce.error;
  const errors = useFormErrors(failure, introductionControls, introductionFieldMessages(t));
  const general =
    failure instanceof ApiError && failure.status === 403 ? t('contacts.introductions.facilitatorsOnly') : errors.general;
  const form = useFocusFirstError(failure);
  const kindChoices = sideKinds.map((kind) => ({ value: kind, label: t(`contacts.introductions.side.${kind}`) }));

  const side = (key: 'a' | 'b', legend: string) => {
    const kindKey = key === 'a' ? 'aKind' : 'bKind';
    return (
      <Fieldset legend={legend}>
        <SelectField
          name={`${key}.kind`}
          label={t('contacts.introductions.kind')}
          value={draft[kindKey]}
          choices={kindChoices}
          onChange={(kind) => setDraft({ ...draft, [kindKey]: kind })}
        />
        <TextField
          name={key}
          label={t('contacts.introductions.target')}
          hint={t('contacts.introductions.targetHint')}
          value={draft[key]}
          onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
          error={errors.fields[key]}
        />
      </Fieldset>
    );
  };

  return (
    <form
      ref={form}
      noValidate
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (introduce.isPending) return;
        const empty = introductionControls.filter((name) => !draft[name].trim());
        const a = sideOf(draft.aKind, draft.a);
        const b = sideOf(draft.bKind, draft.b);
        const unreadable = (['a', 'b'] as const).filter((name, index) => draft[name].trim() && ![a, b][index]);
        const problem =
          missingFields(empty) ??
          (unreadable.length > 0
            ? new ApiError(422, {
                type: 'urn:marcottage:problem:validation_failed',
                title: 'Unprocessable Content',
                status: 422,
                code: 'validation_failed',
                errors: unreadable.map((field) => ({ field, code: 'invalid_link', message: 'no id in it' })),
              })
            : null);
        setLocal(problem);
        if (problem || !a || !b) return;
        const introduction: NewIntroduction = { a, b, note: draft.note.trim() };
        introduce.mutate({ introduction, idempotencyKey: keyFor(introduction) }, { onSuccess: onDone });
      }}
    >
      <FormAlert message={general} />
      {side('a', t('contacts.introductions.sideA'))}
      {side('b', t('contacts.introductions.sideB'))}
      <TextAreaField
        name="note"
        label={t('contacts.introductions.note')}
        hint={t('contacts.introductions.noteHint')}
        rows={4}
        maxLength={2000}
        required
        value={draft.note}
        onChange={(event) => setDraft({ ...draft, note: event.target.value })}
        error={errors.fields.note}
      />
      <SubmitButton pending={introduce.isPending} pendingLabel={t('form.sending')}>
        {t('contacts.introductions.submit')}
      </SubmitButton>
    </form>
  );
}
