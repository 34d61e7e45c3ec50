import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { vi } from 'vitest';
import { installAuth, session } from '@/features/auth';
import { mockMemberApi } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import type { SavedSearch } from '../api/saved-search-requests';
import { SaveSearch } from '../components/save-search';
import { SavedSearchesRoute } from './saved-searches-route';

const saved: SavedSearch = {
  id: '01890000-0000-7000-8000-0000000000b1',
  name: 'Séchage au Sénégal',
  kind: 'opportunities',
  criteria: { q: 'séchage', country: 'SN', category: 'internship' },
  frequency: 'daily',
  channels: ['in_app', 'email'],
  seen_until: '2026-11-26T10:00:00Z',
  next_run_at: '2026-11-27T10:00:00Z',
  version: 3,
  created_at: '2026-11-26T10:00:00Z',
  updated_at: '2026-11-26T10:00:00Z',
};

beforeAll(() => installAuth());
afterEach(() => {
  cleanup();
  session.end('logout');
});

describe('saved searches', () => {
  it('save the search page’s criteria with a name, a frequency and channels', async () => {
    const calls = mockMemberApi((request) =>
      new URL(request.url).pathname === '/api/v1/saved-searches' && request.method === 'POST'
        ? Response.json(saved, { status: 201 })
        : new Response(null, { status: 404 }),
    );
    renderWithProviders(
      <SaveSearch state={{ type: 'opportunities', q: 'séchage', country: 'SN', category: 'internship', sort: 'newest' }} />,
      { path: '/search?type=opportunities' },
    );

    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer cette recherche' }));
    expect(screen.getByLabelText('Nom de la recherche')).toHaveValue('séchage');
    await userEvent.selectOptions(screen.getByLabelText('Fréquence'), 'weekly');
    await userEvent.click(screen.getByRole('checkbox', { name: 'E-mail' }));
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));

    expect(await screen.findByText('Recherche enregistrée.')).toBeInTheDocument();
    const post = calls.find((call) => call.method === 'POST')!;
    expect(await post.json()).toEqual({
      name: 'séchage',
      kind: 'opportunities',
      criteria: { q: 'séchage', country: 'SN', category: 'internship' },
      frequency: 'weekly',
      channels: ['in_app'],
    });
  });

  it('list them in words, link to their results, and change one against the version listed', async () => {
    const calls = mockMemberApi((request) => {
      const { pathname } = new URL(request.url);
      if (pathname === '/api/v1/saved-searches') return Response.json([saved]);
      if (pathname === `/api/v1/saved-searches/${saved.id}`) {
        if (request.method === 'PATCH') return Response.json({ ...saved, frequency: 'instant', version: 4 });
        return Response.json(saved, { headers: { ETag: 'W/"v3"' } });
      }
      return new Response(null, { status: 404 });
    });
    renderWithProviders(<SavedSearchesRoute />, { path: '/me/saved-searches' });

    const list = await screen.findByRole('list', { name: 'Mes recherches enregistrées' });
    await vi.waitFor(() => expect(list).toHaveTextContent('Critères : mots « séchage », Sénégal et Stage'));
    expect(list).toHaveTextContent('Une fois par jour');
    expect(within(list).getByRole('link', { name: 'Voir les résultats de « Séchage au Sénégal »' })).toHaveAttribute(
      'href',
      '/search?type=opportunities&q=s%C3%A9chage&country=SN&category=internship',
    );

    await userEvent.click(within(list).getByRole('button', { name: 'Modifier « Séchage au Sénégal »' }));
    await userEvent.selectOptions(within(list).getByLabelText('Fréquence'), 'instant');
    await userEvent.click(within(list).getByRole('button', { name: 'Enregistrer les changements' }));

    expect(await within(list).findByText('Changements enregistrés.')).toBeInTheDocument();
    const patch = calls.find((call) => call.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('W/"v3"');
    expect(await patch.json()).toEqual({ name: 'Séchage au Sénégal', frequency: 'instant', channels: ['in_app', 'email'] });
  });
});
