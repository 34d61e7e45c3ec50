import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { vi } from 'vitest';
import { installAuth, session } from '@/features/auth';
import { mockMemberApi } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import type { Interest } from '../api/interest-requests';
import { pendingInterest, problem } from '../testing/fixtures';
import { InterestsRoute } from './interests-route';

const conversationId = '01890000-0000-7000-8000-0000000000d1';
const overdue: Interest = {
  ...pendingInterest,
  id: '01890000-0000-7000-8000-0000000000f2',
  target: { ...pendingInterest.target, title: 'Stage à Lyon' },
  sender: { user_id: '01890000-0000-7000-8000-000000000003', display_name: 'Wanjiru Kamau' },
  overdue: true,
};

/** The API with `interests` in the box asked for; answers move them as the API would, or `refuse`. */
function mockInbox(interests: Interest[], refuse?: () => Response) {
  const current = new Map(interests.map((interest) => [interest.id, interest]));
  return mockMemberApi((request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/v1/interests') return Response.json({ items: [...current.values()] });
    const answer = /^\/api\/v1\/interests\/([^/]+)\/(accept|decline|withdraw)$/.exec(pathname);
    if (answer && request.method === 'POST') {
      if (refuse) return refuse();
      const [, id = '', verb] = answer;
      const before = current.get(id)!;
      const after: Interest =
        verb === 'accept'
          ? {
              ...before,
              status: 'accepted',
              conversation_id: conversationId,
              counterpart: { ...before.sender, email: 'moussa@example.sn' },
            }
          : { ...before, status: verb === 'decline' ? 'declined' : 'withdrawn' };
      current.set(id, after);
      return Response.json(after);
    }
    return new Response(null, { status: 404 });
  });
}

function item(title: string) {
  return screen
    .getAllByRole('listitem')
    .find((li) => within(li).queryByRole('link', { name: `Pour « ${title} »` }))!;
}

beforeAll(() => installAuth());
afterEach(() => {
  cleanup();
  session.end('logout');
});

describe('the inboxes of interests', () => {
  it('accept a received interest: the sender’s name and e-mail and the conversation appear', async () => {
    const calls = mockInbox([pendingInterest, overdue]);
    renderWithProviders(<InterestsRoute />, { path: '/interests' });

    await screen.findByRole('list', { name: 'Marques d’intérêt reçues' });
    const card = item('Partenaire pour le séchage solaire');
    expect(card).toHaveTextContent('De Moussa Ndiaye');
    expect(card).toHaveTextContent('En attente');
    expect(card).toHaveTextContent('Réponse attendue d’ici le 10 décembre 2026');
    expect(card).not.toHaveTextContent('En retard');
    expect(item('Stage à Lyon')).toHaveTextContent('En retard');

    await userEvent.click(within(card).getByRole('button', { name: 'Accepter l’intérêt de Moussa Ndiaye' }));

    expect(await within(card).findByText('Intérêt accepté : la conversation est ouverte.')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'moussa@example.sn' })).toHaveAttribute('href', 'mailto:moussa@example.sn');
    expect(within(card).getByRole('link', { name: 'Ouvrir la conversation' })).toHaveAttribute('href', `/conversations/${conversationId}`);
    expect(card).toHaveTextContent('Acceptée');
    expect(within(card).queryByRole('button', { name: /Accepter/ })).not.toBeInTheDocument();
    const post = calls.find((call) => call.method === 'POST')!;
    expect(new URL(post.url).pathname).toBe(`/api/v1/interests/${pendingInterest.id}/accept`);
  });

  it('decline a received interest after asking', async () => {
    const calls = mockInbox([pendingInterest]);
    renderWithProviders(<InterestsRoute />, { path: '/interests?box=received' });

    await screen.findByRole('list', { name: 'Marques d’intérêt reçues' });
    const card = item('Partenaire pour le séchage solaire');
    await userEvent.click(within(card).getByRole('button', { name: 'Décliner l’intérêt de Moussa Ndiaye' }));
    expect(within(card).getByText('Décliner l’intérêt de Moussa Ndiaye ? Il ou elle en sera prévenu(e).')).toHaveFocus();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    await userEvent.click(within(card).getByRole('button', { name: 'Oui, décliner' }));

    expect(await within(card).findByText('Intérêt décliné.')).toBeInTheDocument();
    await vi.waitFor(() => expect(card).toHaveTextContent('Déclinée'));
    expect(new URL(calls.find((call) => call.method === 'POST')!.url).pathname).toBe(
      `/api/v1/interests/${pendingInterest.id}/decline`,
    );
  });

  it('withdraw a sent interest, from the sent box', async () => {
    const calls = mockInbox([pendingInterest]);
    renderWithProviders(<InterestsRoute />, { path: '/interests?box=sent' });

    await screen.findByRole('list', { name: 'Marques d’intérêt envoyées' });
    expect(screen.getByRole('link', { name: 'Envoyées' })).toHaveAttribute('aria-current', 'page');
    expect(new URL(calls.find((call) => new URL(call.url).pathname === '/api/v1/interests')!.url).searchParams.get('box')).toBe(
      'sent',
    );
    const card = item('Partenaire pour le séchage solaire');
    expect(within(card).queryByRole('button', { name: /Accepter/ })).not.toBeInTheDocument();
    await userEvent.click(
      within(card).getByRole('button', { name: 'Retirer mon intérêt pour « Partenaire pour le séchage solaire »' }),
    );
    await userEvent.click(within(card).getByRole('button', { name: 'Oui, retirer' }));

    expect(await within(card).findByText('Intérêt retiré.')).toBeInTheDocument();
    expect(new URL(calls.find((call) => call.method === 'POST')!.url).pathname).toBe(
      `/api/v1/interests/${pendingInterest.id}/withdraw`,
    );
  });

  it('say when an interest was answered or withdrawn meanwhile (409), and read the list again', async () => {
    const calls = mockInbox([pendingInterest], () => problem(409, 'conflict', { detail: 'this interest is no longer pending' }));
    renderWithProviders(<InterestsRoute />, { path: '/interests' });

    await screen.findByRole('list', { name: 'Marques d’intérêt reçues' });
    const card = item('Partenaire pour le séchage solaire');
    await userEvent.click(within(card).getByRole('button', { name: 'Accepter l’intérêt de Moussa Ndiaye' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Cette marque d’intérêt a changé entre-temps');
    await vi.waitFor(() =>
      expect(calls.filter((call) => new URL(call.url).pathname === '/api/v1/interests')).toHaveLength(2),
    );
  });
});
