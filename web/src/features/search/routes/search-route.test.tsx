import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';
import type { components } from '@/lib/api/schema';
import { renderWithProviders } from '@/testing/render';
import { SearchRoute } from './search-route';

type Project = components['schemas']['Project'];

const cursor = '0189000000007000800000000000000a';

const project = (id: string, title: string): Project => ({
  id,
  title,
  summary: 'Coopération décentralisée entre Lyon et Ziguinchor.',
  description: '',
  stage: 'idea',
  status: 'published',
  sectors: ['31161'],
  countries: ['SN'],
  territories: [],
  needs: [],
  language: 'fr',
  owner_id: '01890000-0000-7000-8000-000000000001',
  version: 1,
  created_at: '2026-11-20T10:00:00Z',
  updated_at: '2026-11-20T10:00:00Z',
});

const taxonomies: Record<string, { code: string; label: string; parent?: string }[]> = {
  countries: [
    { code: 'SN', label: 'Sénégal' },
    { code: 'ML', label: 'Mali' },
  ],
  sectors: [
    { code: '311', label: 'Agriculture' },
    { code: '31161', label: 'Production agricole alimentaire', parent: '311' },
  ],
  'opportunity-categories': [{ code: 'internship', label: 'Stage' }],
  regions: [
    { code: '1030', label: 'Afrique occidentale, régional' },
    { code: '1027', label: 'Afrique de l’est, régional' },
    { code: '998', label: 'Pays en développement, non spécifié' },
  ],
};

function Address() {
  return <p data-testid="address">{useLocation().search}</p>;
}

function mockApi() {
  const searches: URL[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL((input as Request).url);
    if (url.pathname.startsWith('/api/v1/taxonomies/')) {
      const taxonomy = url.pathname.split('/').at(-1)!;
      return Response.json({ taxonomy, lang: 'fr', items: taxonomies[taxonomy] ?? [] });
    }
    searches.push(url);
    const facets = {
      country: [
        { value: 'SN', count: 2 },
        { value: 'ML', count: 1 },
      ],
      sector_category: [{ value: '311', count: 2 }],
      stage: [{ value: 'idea', count: 3 }],
      category: [{ value: 'internship', count: 1 }],
    };
    if (url.pathname === '/api/v1/opportunities') return Response.json({ items: [], next_cursor: null, total: 0, facets });
    return url.searchParams.get('cursor') === cursor
      ? Response.json({ items: [project('p2', 'Maraîchage à Bamako')], next_cursor: null, total: 2, facets })
      : Response.json({ items: [project('p1', 'Jumelage Lyon–Ziguinchor')], next_cursor: cursor, total: 2, facets });
  });
  return searches;
}

function renderSearch(path: string) {
  return renderWithProviders(
    <Routes>
      <Route
        path="/search"
        element={
          <>
            <SearchRoute />
            <Address />
          </>
        }
      />
    </Routes>,
    { path, accountTexts: false },
  );
}

describe('the search page', () => {
  it('sends the address’s words and filters, shows the total and the facets with labels and counts', async () => {
    const searches = mockApi();
    renderSearch('/search?q=cooperation&country=SN');

    const list = await screen.findByRole('list', { name: 'Projets trouvés' });
    expect(within(list).getByRole('link', { name: 'Jumelage Lyon–Ziguinchor' })).toHaveAttribute('href', '/projects/p1');
    expect(Object.fromEntries(searches[0]!.searchParams)).toEqual({ q: 'cooperation', country: 'SN', limit: '20' });
    expect(screen.getByRole('status')).toHaveTextContent('2 projets');

    const countries = screen.getByRole('list', { name: 'Pays' });
    const senegal = await within(countries).findByRole('link', { name: /Sénégal/ });
    expect(senegal).toHaveTextContent('Sénégal (2)');
    expect(senegal).toHaveAttribute('aria-current', 'true');
    // A second tap on the active value removes the filter.
    expect(senegal).toHaveAttribute('href', '/search?q=cooperation');
    expect(within(countries).getByRole('link', { name: /Mali/ })).toHaveAttribute('href', '/search?q=cooperation&country=ML');
    expect(within(screen.getByRole('list', { name: 'Secteur' })).getByRole('link', { name: /Agriculture/ })).toHaveAttribute(
      'href',
      '/search?q=cooperation&country=SN&sector=311',
    );
    expect(within(screen.getByRole('list', { name: 'Étape' })).getByRole('link', { name: 'Idée (3)' })).toBeInTheDocument();
    expect(screen.getByText('Affiner la recherche (1 filtre actif)')).toBeInTheDocument();
  });

  it('moves to the address of a facet and loads the next page with the cursor', async () => {
    const searches = mockApi();
    renderSearch('/search?q=cooperation');

    const list = await screen.findByRole('list', { name: 'Projets trouvés' });
    // No IntersectionObserver in jsdom: the button is the way to the next page.
    await userEvent.click(screen.getByRole('button', { name: 'Voir plus de résultats' }));
    expect(await within(list).findByRole('link', { name: 'Maraîchage à Bamako' })).toBeInTheDocument();
    expect(searches.at(-1)!.searchParams.get('cursor')).toBe(cursor);
    expect(searches.at(-1)!.searchParams.get('q')).toBe('cooperation');
    expect(screen.queryByRole('button', { name: 'Voir plus de résultats' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByText('Affiner la recherche', { selector: 'summary' }));
    await userEvent.click(within(screen.getByRole('list', { name: 'Pays' })).getByRole('link', { name: /Mali/ }));
    expect(screen.getByTestId('address')).toHaveTextContent('?q=cooperation&country=ML');
    await vi.waitFor(() => expect(searches.at(-1)!.searchParams.get('country')).toBe('ML'));
  });

  it('keeps the words when switching to opportunities, and the new words keep the filters', async () => {
    const searches = mockApi();
    renderSearch('/search?q=cooperation&country=SN&stage=idea');

    await screen.findByRole('list', { name: 'Projets trouvés' });
    await userEvent.click(screen.getByRole('link', { name: 'Opportunités' }));
    expect(screen.getByTestId('address')).toHaveTextContent('?type=opportunities&q=cooperation&country=SN');
    expect(await screen.findByText('Aucune opportunité ne correspond à cette recherche.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Opportunités' })).toHaveAttribute('aria-current', 'page');
    expect(searches.at(-1)!.pathname).toBe('/api/v1/opportunities');

    const words = screen.getByRole('searchbox', { name: 'Mots-clés' });
    await userEvent.clear(words);
    await userEvent.type(words, 'stage{Enter}');
    expect(screen.getByTestId('address')).toHaveTextContent('?type=opportunities&q=stage&country=SN');
  });

  it('filters by a region chosen in the form, kept in the address with the words and the country', async () => {
    const searches = mockApi();
    renderSearch('/search?q=cooperation&country=SN');

    await screen.findByRole('list', { name: 'Projets trouvés' });
    const region = screen.getByRole('combobox', { name: 'Région' });
    await within(region).findByRole('option', { name: 'Afrique occidentale, régional' });
    // Only regions that name a place: the API refuses the others.
    expect(within(region).queryByRole('option', { name: /non spécifié/ })).not.toBeInTheDocument();
    expect(region).toHaveValue('');

    await userEvent.selectOptions(region, '1030');
    expect(screen.getByTestId('address')).toHaveTextContent('?q=cooperation&region=1030&country=SN');
    await vi.waitFor(() =>
      expect(Object.fromEntries(searches.at(-1)!.searchParams)).toEqual({
        q: 'cooperation',
        region: '1030',
        country: 'SN',
        limit: '20',
      }),
    );
    expect(screen.getByRole('combobox', { name: 'Région' })).toHaveValue('1030');

    // The region stays for the opportunities, and "All regions" removes it.
    await userEvent.click(screen.getByRole('link', { name: 'Opportunités' }));
    expect(screen.getByTestId('address')).toHaveTextContent('?type=opportunities&q=cooperation&region=1030&country=SN');
    await vi.waitFor(() => expect(searches.at(-1)!.pathname).toBe('/api/v1/opportunities'));
    expect(searches.at(-1)!.searchParams.get('region')).toBe('1030');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Région' }), '');
    expect(screen.getByTestId('address')).toHaveTextContent('?type=opportunities&q=cooperation&country=SN');
  });
});
