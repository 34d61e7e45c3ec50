import { vi } from 'vitest';
import { session, type OwnProfile } from '@/features/auth';
import type { components } from '@/lib/api/schema';

/** Fixtures shared by the features' tests: a member, a project, an opportunity, the API they talk to. */
type Project = components['schemas']['Project'];
type Opportunity = components['schemas']['Opportunity'];

export const awa = '01890000-0000-7000-8000-000000000001';
export const teranga = '01890000-0000-7000-8000-0000000000a1';

export const me: OwnProfile = {
  id: awa,
  email: 'awa@example.sn',
  email_verified: true,
  display_name: 'Awa Diop',
  bio: null,
  locale: 'fr',
  role: 'member',
  skills: [],
  sectors: [],
  countries: [],
  languages: [],
  country_of_origin: null,
  country_of_residence: null,
  diaspora_counted: false,
  version: 1,
  created_at: '2026-11-26T10:00:00Z',
  updated_at: '2026-11-26T10:00:00Z',
};

export const project: Project = {
  id: '01890000-0000-7000-8000-0000000000c1',
  title: 'Séchage solaire de mangues',
  summary: 'Une unité de séchage solaire pour les vergers de Ziguinchor.',
  description: '',
  stage: 'idea',
  status: 'published',
  sectors: [],
  countries: ['SN'],
  territories: [],
  needs: [],
  language: 'fr',
  owner_id: awa,
  organisation_id: null,
  version: 2,
  created_at: '2026-11-26T10:00:00Z',
  updated_at: '2026-11-26T10:00:00Z',
};

export const opportunity: Opportunity = {
  id: '01890000-0000-7000-8000-0000000000e1',
  direction: 'offer',
  category: 'internship',
  title: 'Stage en transformation agroalimentaire',
  description: 'Six mois à Lyon puis à Ziguinchor.',
  project_id: null,
  sectors: [],
  skills: [],
  country: 'FR',
  city: 'Lyon',
  remote: false,
  starts_on: null,
  duration_months: 6,
  expires_at: '2027-02-28T10:00:00Z',
  anonymous: false,
  status: 'open',
  owner_id: awa,
  organisation_id: null,
  version: 1,
  created_at: '2026-11-26T10:00:00Z',
  updated_at: '2026-11-26T10:00:00Z',
};

export const taxonomies: Record<string, { code: string; label: string; parent?: string }[]> = {
  countries: [
    { code: 'SN', label: 'Sénégal' },
    { code: 'ML', label: 'Mali' },
    { code: 'FR', label: 'France' },
  ],
  sectors: [
    { code: '311', label: 'Agriculture' },
    { code: '31161', label: 'Production agricole alimentaire', parent: '311' },
  ],
  'opportunity-categories': [{ code: 'internship', label: 'Stage' }],
  currencies: [{ code: 'XOF', label: 'Franc CFA (BCEAO)' }],
  languages: [{ code: 'fr', label: 'français' }],
};

/**
 * Logs Awa in and answers the API as it would her: her profile, the taxonomies, her data export
 * (a member of Teranga); `other` answers the rest. Returns every request made.
 */
export function mockMemberApi(other: (request: Request) => Response | Promise<Response>) {
  session.start({ access_token: 'access-1', token_type: 'Bearer', expires_in: 900, refresh_token: 'refresh-1', refresh_expires_in: 2_592_000 });
  const calls: Request[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    calls.push(request.clone());
    const { pathname } = new URL(request.url);
    if (pathname === '/api/v1/me') return Response.json(me, { headers: { ETag: '"1"' } });
    if (pathname === '/api/v1/me/export') {
      return Response.json({
        profile: me,
        sessions: [],
        organisations: [{ organisation_id: teranga, name: 'Association Teranga Lyon', role: 'editor', joined_at: '2026-11-20T10:00:00Z' }],
        exported_at: '2026-11-26T10:00:00Z',
      });
    }
    if (pathname.startsWith('/api/v1/taxonomies/')) {
      const taxonomy = pathname.split('/').at(-1)!;
      return Response.json({ taxonomy, lang: 'fr', items: taxonomies[taxonomy] ?? [] });
    }
    return other(request);
  });
  return calls;
}

/** A problem+json response, as the API refuses a request. */
export const problem = (status: number, code: string, errors?: unknown) =>
  Response.json(
    { type: `urn:marcottage:problem:${code}`, title: 'Error', status, code, errors },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );

/** The element that describes `control`, as screen readers read it. */
export function describedBy(control: HTMLElement): string {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}
