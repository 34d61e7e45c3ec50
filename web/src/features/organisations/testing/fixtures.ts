import { byLabel } from '@/lib/taxonomies/code-options';
import type { OrganisationMember } from '../api/get-organisation';
import type { Organisation } from '../api/get-organisations';
import type { OrganisationLabels } from '../components/use-organisation-labels';

/** Fixtures for the organisation feature's unit tests. */
export const organisation: Organisation = {
  id: '01890000-0000-7000-8000-0000000000a1',
  name: 'Association Teranga Lyon',
  kind: 'diaspora_association',
  country: 'FR',
  city: 'Lyon',
  website: 'https://teranga-lyon.example.org',
  description: 'Jumelages scolaires entre Lyon et Ziguinchor.',
  verified: false,
  version: 3,
  created_at: '2026-11-20T10:00:00Z',
  updated_at: '2026-11-25T10:00:00Z',
};

export const awa = '01890000-0000-7000-8000-000000000001';
export const moussa = '01890000-0000-7000-8000-000000000002';
export const fatou = '01890000-0000-7000-8000-000000000003';

export const members: OrganisationMember[] = [
  { user_id: awa, display_name: 'Awa Diop', role: 'owner', joined_at: '2026-11-20T10:00:00Z' },
  { user_id: moussa, display_name: 'Moussa Ndiaye', role: 'editor', joined_at: '2026-11-21T10:00:00Z' },
];

const kinds = [
  { code: 'ngo', label: 'ONG' },
  { code: 'diaspora_association', label: 'Association de la diaspora' },
  { code: 'other', label: 'Autre' },
];
const countries = [
  { code: 'SN', label: 'Sénégal' },
  { code: 'FR', label: 'France' },
  { code: 'ML', label: 'Mali' },
];

export const taxonomies: Record<string, { code: string; label: string }[]> = {
  'organisation-kinds': kinds,
  countries,
};

export const labels: OrganisationLabels = {
  lang: 'fr',
  kinds: { kind: 'flat', terms: kinds },
  countries: byLabel(countries, 'fr'),
  kindLabel: (code) => kinds.find((term) => term.code === code)?.label ?? code,
  countryLabel: (code) => countries.find((term) => term.code === code)?.label ?? code,
  queries: [],
};
