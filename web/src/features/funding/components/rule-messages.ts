import type { TFunction } from 'i18next';
import type { FieldMessages } from '@/components/ui/form-errors';

/**
 * A broken rule of a call, refused at submission, in the reader's language: the error's code is
 * the rule's (`over_maximum_grant`, `ineligible_country`...). Other errors keep the shared words.
 */
export function ruleMessages(t: TFunction): FieldMessages {
  return (error) => {
    const known = t(`funding.rules.${error.code}` as 'funding.rules.call_closed', { defaultValue: '' });
    return known || undefined;
  };
}
