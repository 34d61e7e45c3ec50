import { cleanup, screen, within } from '@testing-library/react';
import { installAuth, session } from '@/features/auth';
import { mockMemberApi, opportunity } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { ForYou } from './for-you';

beforeAll(() => installAuth());
afterEach(() => {
  cleanup();
  session.end('logout');
});

describe('“For you” on a member’s home', () => {
  it('lists the offers matched to the profile with their score and reasons', async () => {
    mockMemberApi((request) =>
      new URL(request.url).pathname === '/api/v1/me/matches'
        ? Response.json({
            items: [
              {
                opportunity,
                score: 0.5,
                reasons: [{ criterion: 'place', weight: 0.2, strength: 1, shared: ['FR'], detail: 'same country: FR' }],
              },
            ],
          })
        : new Response(null, { status: 404 }),
    );
    renderWithProviders(<ForYou />, { path: '/' });

    const list = await screen.findByRole('list', { name: 'Offres pour vous' });
    expect(within(list).getByRole('link', { name: opportunity.title })).toHaveAttribute('href', `/opportunities/${opportunity.id}`);
    expect(list).toHaveTextContent(/Correspondance : 50\s%/);
    expect(await within(list).findByText('Même pays : France')).toBeInTheDocument();
    expect(screen.queryByText(/Complétez votre profil/)).not.toBeInTheDocument();
  });

  it('names what the profile lacks when nothing matches, with the way to the profile', async () => {
    mockMemberApi((request) =>
      new URL(request.url).pathname === '/api/v1/me/matches' ? Response.json({ items: [] }) : new Response(null, { status: 404 }),
    );
    renderWithProviders(<ForYou />, { path: '/' });

    expect(await screen.findByText('Rien à vous proposer pour le moment.')).toBeInTheDocument();
    expect(
      await screen.findByText('Complétez votre profil (secteurs, pays, compétences et langues) pour recevoir des propositions plus justes.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Compléter mon profil' })).toHaveAttribute('href', '/account/profile');
  });
});
