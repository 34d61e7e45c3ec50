import { act, cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { vi } from 'vitest';
import { AccountNav, installAuth, session } from '@/features/auth';
import { mockMemberApi } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { NOTIFICATION_POLL_MS, type Notification } from '../api/notification-requests';
import { NotificationsRoute } from '../routes/notifications-route';

const interestId = '01890000-0000-7000-8000-0000000000f1';
const targetId = '01890000-0000-7000-8000-0000000000f2';

function notice(id: string, title: string, link: string, read = false): Notification {
  return {
    id,
    kind: 'interest_received',
    payload: { title, link, interest_id: interestId, target_kind: 'opportunity', target_id: targetId },
    read,
    read_at: null,
    created_at: '2026-11-26T10:00:00Z',
  };
}

/** The API with these notifications; marking them read changes them as the API would. */
function mockNotifications(items: Notification[]) {
  const current = new Map(items.map((item) => [item.id, item]));
  return mockMemberApi((request) => {
    const { pathname } = new URL(request.url);
    const unread = () => [...current.values()].filter((item) => !item.read).length;
    if (pathname === '/api/v1/notifications') return Response.json({ items: [...current.values()], unread: unread() });
    if (pathname === '/api/v1/notifications/read-all' && request.method === 'POST') {
      for (const [id, item] of current) current.set(id, { ...item, read: true });
      return new Response(null, { status: 204 });
    }
    const one = /^\/api\/v1\/notifications\/([^/]+)\/read$/.exec(pathname);
    if (one && request.method === 'POST') {
      const item = { ...current.get(one[1]!)!, read: true };
      current.set(item.id, item);
      return Response.json(item);
    }
    return new Response(null, { status: 404 });
  });
}

const unreadCalls = (calls: Request[]) =>
  calls.filter((call) => new URL(call.url).pathname === '/api/v1/notifications' && new URL(call.url).searchParams.get('limit') === '1');

beforeAll(() => installAuth());
afterEach(() => {
  cleanup();
  session.end('logout');
  vi.useRealTimers();
});

describe('the notification badge in the header', () => {
  it('shows how many are unread, in the link’s name too, and looks again every 30 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const items = [notice('01890000-0000-7000-8000-000000000011', 'Moussa s’intéresse à votre demande', `/interests/${interestId}`)];
    const calls = mockNotifications(items);
    renderWithProviders(<AccountNav />, { path: '/', accountTexts: false });

    const link = await screen.findByRole('link', { name: 'Notifications, 1 non lue' });
    expect(link).toHaveAttribute('href', '/notifications');
    expect(link).toHaveTextContent('Notifications1');
    expect(unreadCalls(calls)).toHaveLength(1);

    await act(() => vi.advanceTimersByTimeAsync(NOTIFICATION_POLL_MS + 100));
    await vi.waitFor(() => expect(unreadCalls(calls)).toHaveLength(2));
  });

  it('shows no count when everything is read, and nothing at all to visitors', async () => {
    mockNotifications([notice('01890000-0000-7000-8000-000000000011', 'Lu', '/interests/x', true)]);
    const { unmount } = renderWithProviders(<AccountNav />, { path: '/', accountTexts: false });
    const link = await screen.findByRole('link', { name: 'Notifications' });
    await vi.waitFor(() => expect(link).toHaveTextContent(/^Notifications$/));
    unmount();

    session.end('logout');
    renderWithProviders(<AccountNav />, { path: '/', accountTexts: false });
    expect(screen.getByRole('link', { name: 'Se connecter' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Notifications/ })).not.toBeInTheDocument();
  });
});

describe('the notifications page', () => {
  it('leads to each notification’s page, marks one or all read, and the badge follows', async () => {
    const first = notice('01890000-0000-7000-8000-000000000011', 'Moussa s’intéresse à votre demande', `/interests/${interestId}`);
    const second = notice('01890000-0000-7000-8000-000000000012', 'Nouveau message de Moussa', '/conversations/c1');
    const firstTitle = 'Moussa s’intéresse à votre demande';
    const secondTitle = 'Nouveau message de Moussa';
    const calls = mockNotifications([first, second]);
    renderWithProviders(
      <>
        <AccountNav />
        <NotificationsRoute />
      </>,
      { path: '/notifications' },
    );

    const list = await screen.findByRole('list', { name: 'Mes notifications' });
    expect(await screen.findByRole('link', { name: 'Notifications, 2 non lues' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: firstTitle })).toHaveAttribute(
      'href',
      `/interests/${interestId}`,
    );
    expect(list).toHaveTextContent('Non lue');

    await userEvent.click(screen.getByRole('button', { name: `Marquer comme lue : ${secondTitle}` }));
    expect(await screen.findByRole('link', { name: 'Notifications, 1 non lue' })).toBeInTheDocument();
    expect(new URL(calls.find((call) => call.method === 'POST')!.url).pathname).toBe(`/api/v1/notifications/${second.id}/read`);

    await userEvent.click(screen.getByRole('button', { name: 'Tout marquer comme lu' }));
    expect(await screen.findByRole('link', { name: 'Notifications' })).toBeInTheDocument();
    await vi.waitFor(() => expect(list).not.toHaveTextContent('Non lue'));
    expect(calls.some((call) => new URL(call.url).pathname === '/api/v1/notifications/read-all')).toBe(true);
  });
});
