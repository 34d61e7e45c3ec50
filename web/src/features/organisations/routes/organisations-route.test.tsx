import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { organisation, taxonomies } from '../testing/fixtures';
import { OrganisationsRoute } from './organisations-route';

const cursor = '0189000000007000800000000000000a';
const second = { ...organisation, id: '01890000-0000-7000-8000-0000000000b2', name: 'Kaay Liggey', country: 'SN', city: null, verified: true };

function Address() {
  const location = useLocation();
  return <p data-testid="address">{location.search}</p>;
}

function mockApi() {
  const lists: URL[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL((input as Request).url);
    if (url.pathname.startsWith('/api/v1/taxonomies/')) {
      const taxonomy = url.pathname.split('/').at(-1)!;
      return Response.json({ taxonomy, lang: 'fr', items: taxonomies[taxonomy] ?? [] });
    }
    lists.push(url);
    return url.searchParams.get('cursor') === cursor
      ? Response.json({ items: [second], next_cursor: null })
      : Response.json({ items: [organisation], next_cursor: cursor });
  });
  return lists;
}

function renderDirectory(path: string) {
  return renderWithProviders(
    <Routes>
      <Route
        path="/organisations"
        element={
          <>
            <OrganisationsRoute />
            <Address />
          </>
        }
      />
    </Routes>,
    { path, accountTexts: false },
  );
}

describe('the organisation directory', () => {
  it('sends the filters from the address and loads more pages with the cursor', async () => {
    const lists = mockApi();
    renderDirectory('/organisations?country=fr&verified=true&q=jumelage');

    const list = await screen.findByRole('list', { name: 'Organisations trouvées' });
    expect(within(list).getByRole('link', { name: 'Association Teranga Lyon' })).toHaveAttribute(
      'href',
      `/organisations/${organisation.id}`,
    );
    expect(Object.fromEntries(lists[0]!.searchParams)).toEqual({ country: 'FR', verified: 'true', q: 'jumelage' });

    await userEvent.click(screen.getByRole('button', { name: 'Voir plus d’organisations' }));

    expect(await within(list).findByRole('link', { name: 'Kaay Liggey' })).toBeInTheDocument();
    expect(lists[1]!.searchParams.get('cursor')).toBe(cursor);
    expect(lists[1]!.searchParams.get('country')).toBe('FR');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getAllByRole('listitem')[1]).toHaveTextContent('Vérifiée');
    expect(screen.queryByRole('button', { name: 'Voir plus d’organisations' })).not.toBeInTheDocument();
  });

  it('puts the chosen filters in the address', async () => {
    const lists = mockApi();
    renderDirectory('/organisations');

    await screen.findByRole('list', { name: 'Organisations trouvées' });
    await userEvent.click(screen.getByText('Filtrer les organisations', { selector: 'summary' }));
    const country = screen.getByRole('combobox', { name: 'Pays' });
    await vi.waitFor(() => expect(within(country).getByRole('option', { name: 'Sénégal' })).toBeInTheDocument());
    await userEvent.selectOptions(country, 'SN');
    await userEvent.click(screen.getByRole('button', { name: 'Filtrer' }));

    expect(await screen.findByTestId('address')).toHaveTextContent('?country=SN');
    await vi.waitFor(() => expect(lists.at(-1)?.searchParams.get('country')).toBe('SN'));
    await userEvent.click(screen.getByRole('button', { name: 'Effacer les filtres' }));
    expect(screen.getByTestId('address')).toBeEmptyDOMElement();
  });
});
