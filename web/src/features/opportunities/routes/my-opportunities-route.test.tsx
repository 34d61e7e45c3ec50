import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { installAuth, session } from '@/features/auth';
import { FlashNotice } from '@/components/layout/flash-notice';
import { mockMemberApi, opportunity } from '@/testing/fixtures';
import { vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { MyOpportunitiesRoute } from './my-opportunities-route';

const other = { ...opportunity, id: '01890000-0000-7000-8000-0000000000e2', title: 'Bénévolat à Ziguinchor', category: 'volunteering' as const };

/** The API with the opportunity now at `current` (its list said version 1). */
function mockList(current: () => number) {
  const deleted = new Set<string>();
  const calls = mockMemberApi((request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/v1/me/opportunities') return Response.json([opportunity, other].filter((item) => !deleted.has(item.id)));
    if (pathname === `/api/v1/opportunities/${opportunity.id}`) {
      if (request.method === 'DELETE') {
        deleted.add(opportunity.id);
        return new Response(null, { status: 204 });
      }
      return Response.json({ ...opportunity, version: current() }, { headers: { ETag: `W/"v${current()}"` } });
    }
    return new Response(null, { status: 404 });
  });
  return calls;
}

function renderList() {
  return renderWithProviders(
    <>
      <FlashNotice />
      <MyOpportunitiesRoute />
    </>,
    { path: '/me/opportunities', accountTexts: false },
  );
}

beforeAll(() => installAuth());
afterEach(() => {
  cleanup();
  session.end('logout');
});

describe('deleting from “My opportunities”', () => {
  it('reads the listed opportunity again and deletes it with its ETag when it is still the version listed', async () => {
    const calls = mockList(() => 1);
    renderList();

    const list = await screen.findByRole('list', { name: 'Mes opportunités' });
    await userEvent.click(within(list).getByRole('button', { name: `Supprimer l’opportunité « ${opportunity.title} »` }));
    await userEvent.click(within(list).getByRole('button', { name: 'Oui, supprimer' }));

    expect(await screen.findByText('L’opportunité a été supprimée.')).toBeInTheDocument();
    await vi.waitFor(() => expect(within(list).queryByRole('link', { name: opportunity.title })).not.toBeInTheDocument());
    expect(within(list).getByRole('link', { name: other.title })).toBeInTheDocument();
    const deletion = calls.find((call) => call.method === 'DELETE')!;
    expect(new URL(deletion.url).pathname).toBe(`/api/v1/opportunities/${opportunity.id}`);
    expect(deletion.headers.get('If-Match')).toBe('W/"v1"');
  });

  it('deletes nothing when it changed since the list was read, says so and reloads the list', async () => {
    const calls = mockList(() => 2);
    renderList();

    const list = await screen.findByRole('list', { name: 'Mes opportunités' });
    await userEvent.click(within(list).getByRole('button', { name: `Supprimer l’opportunité « ${opportunity.title} »` }));
    await userEvent.click(within(list).getByRole('button', { name: 'Oui, supprimer' }));

    expect(await within(list).findByRole('alert')).toHaveTextContent('Cette opportunité a été modifiée entre-temps');
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    await vi.waitFor(() => expect(calls.filter((call) => new URL(call.url).pathname === '/api/v1/me/opportunities')).toHaveLength(2));
  });
});
