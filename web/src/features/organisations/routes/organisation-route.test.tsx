import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { vi } from 'vitest';
import { installAuth, session, type OwnProfile } from '@/features/auth';
import { renderWithProviders } from '@/testing/render';
import { awa, fatou, members, moussa, organisation, taxonomies } from '../testing/fixtures';
import { problem } from '@/testing/fixtures';
import { OrganisationRoute } from './organisation-route';

const profileOf = (id: string, role: OwnProfile['role']): OwnProfile => ({
  id,
  email: 'someone@example.sn',
  email_verified: true,
  display_name: 'Someone',
  bio: null,
  locale: 'fr',
  role,
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
});

/** The API as a member with `profile` (or a visitor) sees it; `other` answers the rest. */
function mockApi(profile: OwnProfile | null, other: (request: Request) => Response = () => new Response(null, { status: 404 })) {
  if (profile) {
    session.start({ access_token: 'access-1', token_type: 'Bearer', expires_in: 900, refresh_token: 'refresh-1', refresh_expires_in: 2_592_000 });
  }
  const calls: Request[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    calls.push(request);
    const { pathname } = new URL(request.url);
    if (pathname === '/api/v1/me' && profile) return Response.json(profile, { headers: { ETag: '"1"' } });
    if (pathname.startsWith('/api/v1/taxonomies/')) {
      const taxonomy = pathname.split('/').at(-1)!;
      return Response.json({ taxonomy, lang: 'fr', items: taxonomies[taxonomy] ?? [] });
    }
    if (request.method === 'GET' && pathname === `/api/v1/organisations/${organisation.id}`) {
      return Response.json(organisation, { headers: { ETag: '"3"' } });
    }
    if (request.method === 'GET' && pathname === `/api/v1/organisations/${organisation.id}/members`) {
      return Response.json(members);
    }
    if (request.method === 'GET' && pathname === `/api/v1/organisations/${organisation.id}/invitations`) {
      return Response.json([]);
    }
    return other(request);
  });
  return calls;
}

function renderPage(id = organisation.id) {
  return renderWithProviders(
    <Routes>
      <Route path="/organisations/:id" element={<OrganisationRoute />} />
      <Route path="/organisations" element={<h1>Annuaire</h1>} />
    </Routes>,
    { path: `/organisations/${id}`, accountTexts: false },
  );
}

beforeAll(() => installAuth());
afterEach(() => {
  cleanup();
  session.end('logout');
});

describe('the organisation page', () => {
  it('shows the details and members to visitors, and nothing to change', async () => {
    mockApi(null);
    renderPage();

    expect(await screen.findByRole('heading', { level: 1, name: 'Association Teranga Lyon' })).toBeInTheDocument();
    expect(await screen.findByText('Association de la diaspora')).toBeInTheDocument();
    expect(await screen.findByText('Lyon, France')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'https://teranga-lyon.example.org' })).toHaveAttribute('rel', 'noopener noreferrer nofollow ugc');
    expect(await screen.findByText('Moussa Ndiaye')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Modifier la fiche' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('offers editors the edit link and leaving, but neither deletion nor verification', async () => {
    mockApi(profileOf(moussa, 'member'));
    renderPage();

    expect(await screen.findByRole('link', { name: 'Modifier la fiche' })).toHaveAttribute('href', `/organisations/${organisation.id}/edit`);
    expect(screen.getByRole('button', { name: 'Quitter l’organisation' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Supprimer l’organisation' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Marquer comme vérifiée' })).not.toBeInTheDocument();
  });

  it('shows the verification button to facilitators only, and the badge once verified', async () => {
    mockApi(profileOf(fatou, 'facilitator'), (request) =>
      request.method === 'POST' ? Response.json({ ...organisation, verified: true, version: 4 }, { headers: { ETag: '"4"' } }) : problem(404, 'not_found'),
    );
    renderPage();

    await userEvent.click(await screen.findByRole('button', { name: 'Marquer comme vérifiée' }));

    expect(await screen.findByText('Vérifiée')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retirer la vérification' })).toBeInTheDocument();
    // A facilitator who is not a member edits nothing.
    expect(screen.queryByRole('link', { name: 'Modifier la fiche' })).not.toBeInTheDocument();
  });

  it('lets owners delete it after a confirmation, against the version they read', async () => {
    const calls = mockApi(profileOf(awa, 'member'), () => new Response(null, { status: 204 }));
    renderPage();

    await userEvent.click(await screen.findByRole('button', { name: 'Supprimer l’organisation' }));
    await userEvent.click(screen.getByRole('button', { name: 'Oui, supprimer' }));

    expect(await screen.findByRole('heading', { name: 'Annuaire' })).toBeInTheDocument();
    const deletion = calls.find((call) => call.method === 'DELETE');
    expect(deletion?.headers.get('If-Match')).toBe('"3"');
  });

  it('says when the organisation does not exist', async () => {
    mockApi(null);
    renderPage('01890000-0000-7000-8000-00000000dead');
    expect(await screen.findByRole('heading', { level: 1, name: 'Organisation introuvable' })).toBeInTheDocument();
  });
});
