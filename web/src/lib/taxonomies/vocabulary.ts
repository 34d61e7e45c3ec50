import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];
export type ProjectStage = Schemas['ProjectStage'];
export type ProjectStatus = Schemas['ProjectStatus'];
export type OpportunityCategory = Schemas['OpportunityCategory'];
export type OpportunityStatus = Schemas['OpportunityStatus'];
export type Direction = Schemas['Direction'];
export type Sort = Schemas['Sort'];

/**
 * The API's enumerations as values, to check what an address or a control holds. Each is built
 * from a record keyed by the generated type, so that a value added to the API is a type error
 * here until it is listed.
 */
function valuesOf<T extends string>(record: Record<T, true>): readonly T[] {
  return Object.keys(record) as T[];
}

/** In the order a project goes through them. */
export const stages = valuesOf<ProjectStage>({ idea: true, project: true, venture: true });
export const projectStatuses = valuesOf<ProjectStatus>({ draft: true, published: true, closed: true, archived: true });
export const opportunityCategories = valuesOf<OpportunityCategory>({
  technical_partnership: true,
  industrial_partnership: true,
  commercial_partnership: true,
  financial_partnership: true,
  internship: true,
  job: true,
  volunteering: true,
  authority_cooperation: true,
});
export const opportunityStatuses = valuesOf<OpportunityStatus>({ open: true, filled: true, closed: true, expired: true });
export const directions = valuesOf<Direction>({ offer: true, request: true });
// `closing_soon` orders calls for projects only: the marketplace search never offers it.
export const sorts = valuesOf<Exclude<Sort, 'closing_soon'>>({ relevance: true, newest: true, expiring_soon: true });

/** `value` if it is one of `values`, else `undefined`: addresses are typed by people. */
export function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | undefined {
  return values.find((known) => known === value);
}

/** The stages one step away from `stage` (the API moves a project one step at a time). */
export function neighbourStages(stage: ProjectStage): { next?: ProjectStage; previous?: ProjectStage } {
  const index = stages.indexOf(stage);
  return { next: stages[index + 1], previous: index > 0 ? stages[index - 1] : undefined };
}
