import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { vi } from 'vitest';
import { installAuth, session } from '@/features/auth';
import { awa, me, mockMemberApi } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import type { Message } from '../api/conversation-requests';
import { ConversationRoute } from './conversation-route';

const id = '01890000-0000-7000-8000-0000000000d1';
const moussa = { user_id: '01890000-0000-7000-8000-000000000002', display_name: 'Moussa Ndiaye' };
const cursor = '0123456789abcdef0123456789abcdef';

function message(n: number, author: string, body: string): Message {
  return { id: `01890000-0000-7000-8000-00000000010${n}`, conversation_id: id, author_id: author, body, created_at: `2026-11-26T10:0${n}:00Z` };
}

beforeAll(() => installAuth());
afterEach(() => {
  cleanup();
  session.end('logout');
});

describe('a conversation', () => {
  it('reads from the oldest message, loads older ones with the cursor, and sends with an Idempotency-Key', async () => {
    const sent: Message[] = [];
    const calls = mockMemberApi(async (request) => {
      const url = new URL(request.url);
      if (url.pathname === `/api/v1/conversations/${id}`) {
        return Response.json({ id, participants: [{ user_id: awa, display_name: me.display_name }, moussa], unread: 0, interest_id: null, introduction_id: null, last_activity_at: '2026-11-26T10:00:00Z', created_at: '2026-11-26T10:00:00Z' });
      }
      if (url.pathname === `/api/v1/conversations/${id}/messages`) {
        if (request.method === 'POST') {
          const { body } = (await request.json()) as { body: string };
          const posted = message(9, awa, body);
          sent.push(posted);
          return Response.json(posted, { status: 201 });
        }
        if (url.searchParams.get('cursor') === cursor) return Response.json({ items: [message(1, moussa.user_id, 'Bonjour Awa')] });
        return Response.json({
          items: [...sent, message(3, awa, 'Jeudi, à Ziguinchor ?'), message(2, moussa.user_id, 'Quand pouvons-nous parler ?')],
          next_cursor: cursor,
        });
      }
      return new Response(null, { status: 404 });
    });
    renderWithProviders(
      <Routes>
        <Route path="/conversations/:id" element={<ConversationRoute />} />
      </Routes>,
      { path: `/conversations/${id}` },
    );

    expect(await screen.findByRole('heading', { level: 1, name: 'Avec Moussa Ndiaye' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Messages' });
    const texts = () => within(list).getAllByRole('listitem').map((item) => item.textContent ?? '');
    expect(texts()).toEqual([expect.stringContaining('Quand pouvons-nous parler ?'), expect.stringContaining('Jeudi, à Ziguinchor ?')]);
    expect(texts()[0]).toContain('Moussa Ndiaye');
    expect(texts()[1]).toContain('Vous');

    await userEvent.click(screen.getByRole('button', { name: 'Messages plus anciens' }));
    await vi.waitFor(() => expect(texts()[0]).toContain('Bonjour Awa'));
    expect(screen.queryByRole('button', { name: 'Messages plus anciens' })).not.toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Votre message'), '  À jeudi !  ');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer' }));
    await vi.waitFor(() => expect(texts().at(-1)).toContain('À jeudi !'));
    expect(screen.getByLabelText('Votre message')).toHaveValue('');
    const post = calls.find((call) => call.method === 'POST')!;
    expect(await post.json()).toEqual({ body: 'À jeudi !' });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
  });
});
