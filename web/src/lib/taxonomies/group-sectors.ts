import type { TaxonomyTerm } from './get-taxonomy';

/** A 3-digit DAC category and the 5-digit codes filed under it. */
export interface SectorCategory {
  code: string;
  label: string;
  codes: TaxonomyTerm[];
}

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);

/**
 * Nests the flat list the API answers: terms without a parent are categories, the others go under
 * the category their `parent` names. A code whose category is missing still shows, under a group
 * named by the parent code, so no sector silently disappears.
 */
export function groupSectors(terms: readonly TaxonomyTerm[]): SectorCategory[] {
  const categories = new Map<string, SectorCategory>();
  for (const term of terms) {
    if (!term.parent) categories.set(term.code, { code: term.code, label: term.label, codes: [] });
  }
  for (const term of terms) {
    if (!term.parent) continue;
    let category = categories.get(term.parent);
    if (!category) {
      category = { code: term.parent, label: term.parent, codes: [] };
      categories.set(term.parent, category);
    }
    category.codes.push(term);
  }
  const grouped = [...categories.values()].sort(byCode);
  for (const category of grouped) category.codes.sort(byCode);
  return grouped;
}
