import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import type { CooperationLink } from '../api/cooperation';
import { AtlasRoute } from './atlas-route';

const side = (name: string, country: string, place: string, subdivision: string | null) => ({
  organisation_id: null,
  name,
  country,
  level: 'region' as const,
  subdivision,
  place,
  confirmed: false,
});

const link: CooperationLink = {
  id: '01890000-0000-7000-8000-0000000000e1',
  north: side('Région Bretagne', 'FR', 'Rennes', 'FR-BRE'),
  south: side('Région de Ziguinchor', 'SN', 'Ziguinchor', 'SN-ZG'),
  confirmed: true,
  themes: ['22040'],
  started: 2001,
  status: 'active',
  description: '',
  project_ids: [],
  owner_id: '01890000-0000-7000-8000-000000000001',
  version: 1,
  created_at: '2026-11-20T10:00:00Z',
  updated_at: '2026-11-20T10:00:00Z',
};

const labels: Record<string, Record<string, Array<{ code: string; label: string }>>> = {
  countries: {
    fr: [
      { code: 'FR', label: 'France' },
      { code: 'SN', label: 'Sénégal' },
      { code: 'ML', label: 'Mali' },
    ],
    en: [
      { code: 'FR', label: 'France' },
      { code: 'SN', label: 'Senegal' },
      { code: 'ML', label: 'Mali' },
    ],
  },
  regions: {
    fr: [{ code: '289', label: 'Afrique subsaharienne, régional' }],
    en: [{ code: '289', label: 'South of Sahara, regional' }],
  },
  sectors: {
    fr: [{ code: '22040', label: 'TIC' }],
    en: [{ code: '22040', label: 'ICT' }],
  },
};

/** The atlas's API: the taxonomies, one page of links with its facets, the counts per country. */
function mockAtlasApi() {
  const searches: URLSearchParams[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL((input as Request).url);
    const taxonomy = /^\/api\/v1\/taxonomies\/(.+)$/.exec(url.pathname)?.[1];
    if (taxonomy) {
      const lang = url.searchParams.get('lang') ?? 'fr';
      return Response.json({ taxonomy, lang, items: labels[taxonomy]?.[lang] ?? [] });
    }
    if (url.pathname === '/api/v1/cooperation-links/aggregates') {
      return Response.json({
        by: 'country',
        counts: [
          { key: 'FR', links: 2, projects: 0 },
          { key: 'SN', links: 1, projects: 0 },
          { key: 'ML', links: 1, projects: 0 },
        ],
      });
    }
    if (url.pathname === '/api/v1/cooperation-links') {
      searches.push(url.searchParams);
      return Response.json({
        items: [link],
        total: 1,
        next_cursor: null,
        facets: {
          country: [
            { value: 'SN', count: 1 },
            { value: 'FR', count: 1 },
          ],
          subdivision: [],
          level: [],
          theme: [{ value: '22040', count: 1 }],
          status: [],
          french_region: [{ value: 'FR-BRE', count: 1 }],
        },
      });
    }
    return new Response(null, { status: 404 });
  });
  return searches;
}

function Address() {
  const location = useLocation();
  return <output data-testid="address">{location.search}</output>;
}

function renderAtlas(path: string, lang: 'fr' | 'en' = 'fr') {
  return renderWithProviders(
    <Routes>
      <Route
        path="/cooperation"
        element={
          <>
            <AtlasRoute />
            <Address />
          </>
        }
      />
    </Routes>,
    { path, lang },
  );
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the atlas', () => {
  it('reads its filters from the address and sends them to the search', async () => {
    const searches = mockAtlasApi();
    renderAtlas('/cooperation?country=SN&region=289&french_region=FR-BRE&confirmed=true&status=active');

    await screen.findByTestId('atlas-total');
    const sent = searches.at(-1)!;
    expect(sent.get('country')).toBe('SN');
    expect(sent.get('region')).toBe('289');
    expect(sent.get('french_region')).toBe('FR-BRE');
    expect(sent.get('confirmed')).toBe('true');
    expect(sent.get('status')).toBe('active');

    const filters = screen.getByRole('search');
    expect(within(filters).getByRole('checkbox', { name: 'Seulement les liens confirmés par les deux parties' })).toBeChecked();
    await waitFor(() =>
      expect(within(filters).getByRole('combobox', { name: 'Région du monde' })).toHaveDisplayValue(
        'Afrique subsaharienne, régional',
      ),
    );
    expect(within(filters).getByRole('combobox', { name: 'Pays' })).toHaveDisplayValue('Sénégal (1)');
    expect(within(filters).getByRole('combobox', { name: 'Région française' })).toHaveDisplayValue('Bretagne (1)');
  });

  it('writes the chosen filters to the address, and leaves out an unticked confirmation', async () => {
    const searches = mockAtlasApi();
    renderAtlas('/cooperation?confirmed=true');
    await screen.findByTestId('atlas-total');
    await screen.findByRole('option', { name: 'Afrique subsaharienne, régional' });
    await screen.findByRole('option', { name: 'Bretagne (1)' });
    const filters = screen.getByRole('search');

    await userEvent.click(within(filters).getByRole('checkbox', { name: 'Seulement les liens confirmés par les deux parties' }));
    await userEvent.selectOptions(within(filters).getByRole('combobox', { name: 'Région du monde' }), '289');
    await userEvent.selectOptions(within(filters).getByRole('combobox', { name: 'Région française' }), 'FR-BRE');
    await userEvent.click(within(filters).getByRole('button', { name: 'Rechercher' }));

    await waitFor(() => expect(screen.getByTestId('address')).toHaveTextContent('?region=289&french_region=FR-BRE'));
    await waitFor(() => expect(searches.at(-1)!.get('region')).toBe('289'));
    expect(searches.at(-1)!.has('confirmed')).toBe(false);

    await screen.findByRole('option', { name: 'Bretagne (1)' });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Seulement les liens confirmés par les deux parties' }));
    await userEvent.click(screen.getByRole('button', { name: 'Rechercher' }));
    await waitFor(() =>
      expect(screen.getByTestId('address')).toHaveTextContent('?region=289&french_region=FR-BRE&confirmed=true'),
    );
  });

  it('names countries, French regions and themes rather than showing their codes, in English too', async () => {
    mockAtlasApi();
    renderAtlas('/cooperation', 'en');

    const list = await screen.findByRole('list', { name: 'Cooperation links' });
    await waitFor(() => expect(within(list).getByText(/France · Senegal/)).toBeInTheDocument());
    expect(list).not.toHaveTextContent('FR · SN');

    const filters = screen.getByRole('search');
    expect(within(filters).getByRole('option', { name: 'Senegal (1)' })).toBeInTheDocument();
    expect(within(filters).getByRole('option', { name: 'Brittany (1)' })).toBeInTheDocument();
    await waitFor(() => expect(within(filters).getByRole('option', { name: 'ICT (1)' })).toBeInTheDocument());
    // Countries in the reader's order, not the codes'.
    const countries = within(within(filters).getByRole('combobox', { name: 'Country' })).getAllByRole('option');
    expect(countries.map((option) => option.textContent)).toEqual(['Any', 'France (1)', 'Senegal (1)']);

    // The map's countries are named for screen readers and in their tooltip.
    const senegal = document.querySelector('[data-country="SN"]')!;
    expect(senegal).toHaveAttribute('aria-label', 'Senegal: 1 links');
  });
});
