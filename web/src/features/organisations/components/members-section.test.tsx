import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import type { Viewer } from '../api/get-organisation';
import type { Invitation } from '../api/invitation-requests';
import { awa, members, moussa, organisation } from '../testing/fixtures';
import { describedBy, problem } from '@/testing/fixtures';
import { MembersSection } from './members-section';

type Handler = (request: Request) => Response | Promise<Response>;

const invitation: Invitation = {
  id: '01890000-0000-7000-8000-0000000000e1',
  organisation_id: organisation.id,
  email: 'aminata@example.ml',
  role: 'editor',
  invited_by: awa,
  created_at: '2026-11-26T10:00:00Z',
  expires_at: '2026-12-10T10:00:00Z',
};

/**
 * The members API, with `pending` as the organisation's pending invitations; `change` answers
 * the POST, PATCH and DELETE on members and invitations.
 */
function mockMembersApi(change: Handler = () => new Response(null, { status: 204 }), pending: Invitation[] = []) {
  const calls: Request[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    calls.push(request);
    const { pathname } = new URL(request.url);
    if (request.method === 'GET' && pathname.endsWith('/invitations')) return Response.json(pending);
    if (request.method === 'GET') return Response.json(members);
    return change(request);
  });
  return calls;
}

function renderSection(viewer: Viewer) {
  return renderWithProviders(<MembersSection organisation={organisation} viewer={viewer} />, { path: '/' });
}

const asOwner: Viewer = { userId: awa, role: 'owner', mayVerify: false };
const asEditor: Viewer = { userId: moussa, role: 'editor', mayVerify: false };
const asVisitor: Viewer = { userId: null, role: null, mayVerify: false };

describe('MembersSection', () => {
  it('lists the members and their roles for everyone, with nothing to change for visitors', async () => {
    mockMembersApi();
    renderSection(asVisitor);

    const list = await screen.findByRole('list', { name: 'Membres de l’organisation' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.member__name')?.textContent)).toEqual(['Awa Diop', 'Moussa Ndiaye']);
    expect(items[0]).toHaveTextContent('Propriétaire · depuis le 20 novembre 2026');
    expect(items[1]).toHaveTextContent('Éditeur(rice)');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('hides the owners’ actions from editors, who may only leave', async () => {
    mockMembersApi();
    renderSection(asEditor);

    await screen.findByRole('list', { name: 'Membres de l’organisation' });
    expect(screen.getByText('Moussa Ndiaye (vous)')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Nommer propriétaire|Passer éditeur/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Retirer/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Inviter un membre' })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Son adresse e-mail' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Invitations en attente' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Quitter l’organisation' })).toBeInTheDocument();
  });

  it('gives owners the role changes, the removal of others and the form to invite members', async () => {
    const calls = mockMembersApi(() =>
      Response.json({ user_id: moussa, display_name: 'Moussa Ndiaye', role: 'owner', joined_at: '2026-11-21T10:00:00Z' }),
    );
    renderSection(asOwner);

    await screen.findByRole('list', { name: 'Membres de l’organisation' });
    expect(screen.getByRole('button', { name: 'Passer éditeur(rice) : Awa Diop' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retirer : Awa Diop' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retirer : Moussa Ndiaye' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Inviter un membre' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Nommer propriétaire : Moussa Ndiaye' }));

    expect(await screen.findByText('Moussa Ndiaye est maintenant propriétaire.')).toBeInTheDocument();
    const patch = calls.find((call) => call.method === 'PATCH');
    expect(new URL(patch!.url).pathname).toBe(`/api/v1/organisations/${organisation.id}/members/${moussa}`);
    expect(await patch!.json()).toEqual({ role: 'owner' });
  });

  it('says plainly that the last owner must name another owner before leaving', async () => {
    const calls = mockMembersApi(() => problem(409, 'conflict'));
    renderSection(asOwner);

    await userEvent.click(await screen.findByRole('button', { name: 'Quitter l’organisation' }));
    expect(screen.getByText(/Quitter « Association Teranga Lyon » \?/)).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Oui, quitter' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Une organisation garde toujours au moins un(e) propriétaire : nommez d’abord un autre propriétaire.',
    );
    const deletion = calls.find((call) => call.method === 'DELETE');
    expect(new URL(deletion!.url).pathname).toBe(`/api/v1/organisations/${organisation.id}/members/${awa}`);
  });

  it('asks before removing a member, and the removal can be called off', async () => {
    const calls = mockMembersApi();
    renderSection(asOwner);

    const remove = await screen.findByRole('button', { name: 'Retirer : Moussa Ndiaye' });
    await userEvent.click(remove);
    await userEvent.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(screen.getByRole('button', { name: 'Retirer : Moussa Ndiaye' })).toHaveFocus();

    await userEvent.click(screen.getByRole('button', { name: 'Retirer : Moussa Ndiaye' }));
    await userEvent.click(screen.getByRole('button', { name: 'Oui, retirer' }));

    expect(await screen.findByText('Moussa Ndiaye ne fait plus partie de l’organisation.')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'DELETE')).toHaveLength(1);
  });

  it('invites by e-mail with a role, saying only that the invitation left, whoever the address is', async () => {
    let answer = () =>
      problem(422, 'validation_failed', [{ field: 'email', code: 'email', message: 'enter a valid e-mail address' }]);
    const calls = mockMembersApi(() => answer());
    renderSection(asOwner);

    const email = await screen.findByRole('textbox', { name: 'Son adresse e-mail' });
    await userEvent.type(email, 'fatou.sall@example');
    await userEvent.click(screen.getByRole('button', { name: 'Inviter' }));
    await vi.waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(describedBy(email)).toContain('Saisissez une adresse e-mail valide');
    expect(email).toHaveFocus();

    answer = () => Response.json({ ...invitation, email: 'fatou.sall@example.sn', role: 'owner' }, { status: 202 });
    await userEvent.clear(email);
    await userEvent.type(email, ' fatou.sall@example.sn ');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rôle' }), 'owner');
    await userEvent.click(screen.getByRole('button', { name: 'Inviter' }));

    expect(await screen.findByText('Invitation envoyée à fatou.sall@example.sn.')).toBeInTheDocument();
    expect(email).toHaveValue('');
    const posts = calls.filter((call) => call.method === 'POST');
    expect(new URL(posts[1]!.url).pathname).toBe(`/api/v1/organisations/${organisation.id}/invitations`);
    expect(await posts[1]!.json()).toEqual({ email: 'fatou.sall@example.sn', role: 'owner' });
  });

  it('lists the pending invitations to their owners, each to be withdrawn', async () => {
    const calls = mockMembersApi(undefined, [invitation]);
    renderSection(asOwner);

    const list = await screen.findByRole('list', { name: 'Invitations en attente de réponse' });
    expect(within(list).getByRole('listitem')).toHaveTextContent('aminata@example.ml');
    expect(within(list).getByRole('listitem')).toHaveTextContent('Éditeur(rice) · valable jusqu’au 10 décembre 2026');
    await userEvent.click(within(list).getByRole('button', { name: 'Retirer l’invitation : aminata@example.ml' }));

    await vi.waitFor(() => expect(calls.some((call) => call.method === 'DELETE')).toBe(true));
    const deletion = calls.find((call) => call.method === 'DELETE');
    expect(new URL(deletion!.url).pathname).toBe(`/api/v1/organisations/${organisation.id}/invitations/${invitation.id}`);
  });
});
