import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { installAuth, session } from '@/features/auth';
import { mockMemberApi, problem } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { organisationKeys } from '../api/get-organisations';
import type { ReceivedInvitation } from '../api/invitation-requests';
import { awa, organisation } from '../testing/fixtures';
import { MyInvitations } from './my-invitations';

const invitation: ReceivedInvitation = {
  id: '01890000-0000-7000-8000-0000000000e1',
  organisation_id: organisation.id,
  organisation_name: 'Association Teranga Lyon',
  role: 'editor',
  status: 'pending',
  invited_by: { user_id: awa, display_name: 'Awa Diop' },
  created_at: '2026-11-26T10:00:00Z',
  expires_at: '2026-12-10T10:00:00Z',
};

/** The member's pending invitations; answering one answers `answer` and empties the list. */
function mockInvitations(answer: (request: Request) => Response) {
  let pending = [invitation];
  return mockMemberApi((request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/v1/me/invitations') return Response.json(pending);
    if (request.method === 'POST' && pathname.startsWith('/api/v1/invitations/')) {
      const response = answer(request);
      if (response.ok) pending = [];
      return response;
    }
    return new Response(null, { status: 404 });
  });
}

beforeAll(() => installAuth());
afterEach(() => {
  cleanup();
  session.end('logout');
});

describe('MyInvitations', () => {
  it('shows who invites the member, where and as what, and joining on Accept', async () => {
    const calls = mockInvitations(() => Response.json({ ...invitation, status: 'accepted' }));
    renderWithProviders(<MyInvitations />, { path: '/organisations' });

    const list = await screen.findByRole('list', { name: 'Invitations à rejoindre une organisation' });
    const item = within(list).getByRole('listitem');
    expect(item).toHaveTextContent('Awa Diop vous invite à rejoindre « Association Teranga Lyon » (rôle : Éditeur(rice)).');
    expect(item).toHaveTextContent('valable jusqu’au 10 décembre 2026');
    await userEvent.click(within(item).getByRole('button', { name: 'Accepter : Association Teranga Lyon' }));

    expect(await screen.findByText('Vous faites maintenant partie de « Association Teranga Lyon ».')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Voir « Association Teranga Lyon »' })).toHaveAttribute(
      'href',
      `/organisations/${organisation.id}`,
    );
    const post = calls.find((call) => call.method === 'POST');
    expect(new URL(post!.url).pathname).toBe(`/api/v1/invitations/${invitation.id}/accept`);
    await vi.waitFor(() => expect(screen.queryByRole('list', { name: 'Invitations à rejoindre une organisation' })).not.toBeInTheDocument());
  });

  it('declines, and says plainly when the invitation was answered already or expired', async () => {
    let answer = () => problem(409, 'conflict');
    const calls = mockInvitations(() => answer());
    renderWithProviders(<MyInvitations />, { path: '/organisations' });

    await userEvent.click(await screen.findByRole('button', { name: 'Décliner : Association Teranga Lyon' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Cette invitation a déjà reçu une réponse ou a expiré');

    answer = () => Response.json({ ...invitation, status: 'declined' });
    await userEvent.click(screen.getByRole('button', { name: 'Décliner : Association Teranga Lyon' }));
    expect(await screen.findByText('Invitation de « Association Teranga Lyon » déclinée.')).toBeInTheDocument();
    const posts = calls.filter((call) => call.method === 'POST');
    expect(new URL(posts[1]!.url).pathname).toBe(`/api/v1/invitations/${invitation.id}/decline`);
  });

  it('shows nothing when no invitation waits', async () => {
    const calls = mockMemberApi((request) =>
      new URL(request.url).pathname === '/api/v1/me/invitations' ? Response.json([]) : new Response(null, { status: 404 }),
    );
    const { container, queryClient } = renderWithProviders(<MyInvitations />, { path: '/organisations' });
    await waitFor(() => expect(queryClient.getQueryState(organisationKeys.received())?.status).toBe('success'));
    expect(calls.some((call) => new URL(call.url).pathname === '/api/v1/me/invitations')).toBe(true);
    expect(container).toBeEmptyDOMElement();
  });
});
