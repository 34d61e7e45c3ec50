import { cleanup, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import type { TerritoryDashboard } from '../api/cooperation';
import { TerritoryRoute } from './territory-route';

const montreuil = '01890000-0000-7000-8000-0000000000c1';
const kayes = '01890000-0000-7000-8000-0000000000c2';

const authority = (id: string | null, name: string, country: string, place: string) => ({
  organisation_id: id,
  name,
  country,
  level: 'municipality' as const,
  subdivision: null,
  place,
  confirmed: true,
});

const zero = { links: 0, projects: 0, opportunities: 0, internships: 0, jobs: 0, partnerships: 0 };

/** Montreuil and its partner Kayes, both on the platform, each with applications to calls. */
const dashboard: TerritoryDashboard = {
  organisation_id: montreuil,
  name: 'Ville de Montreuil',
  territory: { country: 'FR', place: 'Montreuil', subdivision: 'FR-93' },
  partners: [{ country: 'ML', place: 'Kayes', subdivision: null }],
  links: [
    {
      id: '01890000-0000-7000-8000-0000000000d1',
      north: authority(montreuil, 'Ville de Montreuil', 'FR', 'Montreuil'),
      south: authority(kayes, 'Commune de Kayes', 'ML', 'Kayes'),
      confirmed: true,
      themes: ['14030'],
      started: 1985,
      status: 'active',
      description: 'Accès à l’eau potable.',
      project_ids: [],
      owner_id: '01890000-0000-7000-8000-000000000001',
      version: 1,
      created_at: '2026-11-20T10:00:00Z',
      updated_at: '2026-11-20T10:00:00Z',
    },
  ],
  totals: { ...zero, links: 1 },
  by_year: [],
  projects: [],
  opportunities: [],
  partnerships: null,
  diaspora: null,
  funding: [
    { organisation_id: montreuil, year: 2025, applications: 2, accepted: 1, granted: { EUR: 40000 } },
    { organisation_id: kayes, year: 2026, applications: 1, accepted: 1, granted: { EUR: 10000, XOF: 5000000 } },
  ],
};

function renderDashboard(funding: TerritoryDashboard['funding'], lang: 'fr' | 'en' = 'fr') {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const { pathname } = new URL((input as Request).url);
    if (pathname === `/api/v1/organisations/${montreuil}/territory`) return Response.json({ ...dashboard, funding });
    if (pathname === '/api/v1/taxonomies/countries') {
      const items = [
        { code: 'FR', label: 'France' },
        { code: 'ML', label: 'Mali' },
      ];
      return Response.json({ taxonomy: 'countries', lang, items });
    }
    return new Response(null, { status: 404 });
  });
  return renderWithProviders(
    <Routes>
      <Route path="/organisations/:id/territory" element={<TerritoryRoute />} />
    </Routes>,
    { path: `/organisations/${montreuil}/territory`, lang, accountTexts: false },
  );
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the funding figures of a territory dashboard', () => {
  it('shows each authority’s applications and grants per year, and totals per currency', async () => {
    renderDashboard(dashboard.funding);
    const table = await screen.findByTestId('territory-funding');
    const rows = within(table).getAllByRole('row');
    // header, two years, total
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent(/2025\s*Ville de Montreuil\s*21\s*40\s000\s€/u);
    expect(rows[2]).toHaveTextContent('Commune de Kayes');
    expect(rows[2]).toHaveTextContent(/F\s?CFA/u);
    // amounts in two currencies are never added together; the territory is named, not coded
    expect(rows[3]).toHaveTextContent(/Total\s*32\s*50\s000\s€/u);
    expect(rows[3]).toHaveTextContent(/5\s000\s000\sF\s?CFA/u);
    expect(await screen.findByText(/Montreuil \(France, FR-93\)/u)).toBeInTheDocument();
  });

  it('says so when no application was made, in English too', async () => {
    renderDashboard([], 'en');
    expect(await screen.findByText('No application to a call for projects yet.')).toBeInTheDocument();
    expect(screen.queryByTestId('territory-funding')).not.toBeInTheDocument();
  });
});
