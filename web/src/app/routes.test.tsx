import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { installAuth, session } from '@/features/auth';
import { renderWithProviders } from '@/testing/render';
import { AppRoutes } from './routes';

const profile = {
  id: '01890000-0000-7000-8000-000000000001',
  email: 'awa.diop@example.sn',
  email_verified: false,
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
  version: 1,
  created_at: '2026-11-26T10:00:00Z',
  updated_at: '2026-11-26T10:00:00Z',
};

const tokenPair = {
  access_token: 'access-1',
  token_type: 'Bearer',
  expires_in: 900,
  refresh_token: 'refresh-1',
  refresh_expires_in: 2_592_000,
};

/** The API for these journeys; `login` decides how the login answers. */
function mockApi(login: () => Response) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    const { pathname } = new URL(request.url);
    if (pathname === '/api/v1/auth/login') return login();
    if (pathname === '/api/v1/me') {
      return request.headers.get('Authorization') === 'Bearer access-1'
        ? Response.json(profile, { headers: { ETag: '"1"' } })
        : Response.json({ status: 401, code: 'unauthenticated' }, { status: 401 });
    }
    if (pathname.startsWith('/api/v1/taxonomies/')) return Response.json({ taxonomy: 'countries', lang: 'fr', items: [] });
    return new Response(null, { status: 404 });
  });
}

beforeAll(() => installAuth());
afterEach(() => {
  cleanup(); // before the logout, which would otherwise update the mounted pages
  session.end('logout');
});

describe('member-only pages', () => {
  it('send visitors to the login page and, once logged in, back to the page they asked for', async () => {
    mockApi(() => Response.json(tokenPair));
    renderWithProviders(<AppRoutes />, { path: '/account/profile', accountTexts: false });

    expect(await screen.findByRole('heading', { level: 1, name: 'Se connecter' })).toBeInTheDocument();
    expect(screen.getByText('Connectez-vous pour voir cette page.')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Adresse e-mail'), 'awa.diop@example.sn');
    await userEvent.type(screen.getByLabelText('Mot de passe'), 'un mot de passe sûr');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Mon profil' })).toBeInTheDocument();
    // An unconfirmed address: why publishing and contacting are closed, and a new link at hand.
    expect(await screen.findByText(/Confirmez votre adresse awa\.diop@example\.sn pour publier/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Recevoir un nouveau lien' })).toBeInTheDocument();
    // The header names the member and offers the menu.
    expect(screen.getByText('Awa Diop', { selector: '.account-menu__name' })).toBeInTheDocument();
  });

  it('say how long to wait when logins are throttled, and put the focus on it', async () => {
    mockApi(() =>
      Response.json(
        { type: 'urn:marcottage:problem:rate_limited', title: 'Too Many Requests', status: 429, code: 'rate_limited' },
        { status: 429, headers: { 'Retry-After': '30', 'Content-Type': 'application/problem+json' } },
      ),
    );
    renderWithProviders(<AppRoutes />, { path: '/login', accountTexts: false });

    await userEvent.type(await screen.findByLabelText('Adresse e-mail'), 'awa.diop@example.sn');
    await userEvent.type(screen.getByLabelText('Mot de passe'), 'encore raté');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Trop de tentatives. Réessayez dans 30 secondes.');
    expect(alert).toHaveFocus();
    expect(session.isAuthenticated).toBe(false);
  });
});
