import type { TaxonomyTerm } from './get-taxonomy';
import { groupSectors } from './group-sectors';

/** A choice in a `<select>`; `option` is its text in the list when it differs from its label. */
export interface Choice {
  code: string;
  label: string;
  option?: string;
}

/** Options in a `<select>`: flat, or in labelled groups (sector categories). */
export type CodeOptions =
  | { kind: 'flat'; terms: readonly Choice[] }
  | { kind: 'grouped'; groups: ReadonlyArray<{ label: string; terms: readonly Choice[] }> };

/** Countries and languages in the reader's alphabetical order, not the codes'. */
export function byLabel(terms: readonly TaxonomyTerm[], lang: string): CodeOptions {
  const collator = new Intl.Collator(lang);
  return { kind: 'flat', terms: [...terms].sort((a, b) => collator.compare(a.label, b.label)) };
}

/**
 * Sectors under their 3-digit category; the category itself comes first in its group (as
 * `wholeCategory`, "the whole category"), since a profile may name a whole category.
 */
export function sectorGroups(terms: readonly TaxonomyTerm[], wholeCategory: string): CodeOptions {
  return {
    kind: 'grouped',
    groups: groupSectors(terms).map((category) => ({
      label: `${category.code} ${category.label}`,
      terms: [{ code: category.code, label: category.label, option: wholeCategory }, ...category.codes],
    })),
  };
}
