import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import type { Viewer } from '../api/get-organisation';
import { awa, describedBy, members, moussa, organisation, problem } from '../testing/fixtures';
import { MembersSection } from './members-section';

type Handler = (request: Request) => Response | Promise<Response>;

/** The members API; `change` answers the POST, PATCH and DELETE on members. */
function mockMembersApi(change: Handler = () => new Response(null, { status: 204 })) {
  const calls: Request[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    calls.push(request);
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
    expect(screen.queryByRole('heading', { name: 'Ajouter un membre' })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Adresse e-mail de son compte' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Quitter l’organisation' })).toBeInTheDocument();
  });

  it('gives owners the role changes, the removal of others and the form to add members', async () => {
    const calls = mockMembersApi(() =>
      Response.json({ user_id: moussa, display_name: 'Moussa Ndiaye', role: 'owner', joined_at: '2026-11-21T10:00:00Z' }),
    );
    renderSection(asOwner);

    await screen.findByRole('list', { name: 'Membres de l’organisation' });
    expect(screen.getByRole('button', { name: 'Passer éditeur(rice) : Awa Diop' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retirer : Awa Diop' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retirer : Moussa Ndiaye' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Ajouter un membre' })).toBeInTheDocument();

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

  it('adds a member by e-mail, and says when the address is nobody’s or already a member', async () => {
    let answer = () =>
      problem(422, 'validation_failed', [
        { field: 'email', code: 'unknown_member', message: 'no member has this address; they must register first' },
      ]);
    const calls = mockMembersApi(() => answer());
    renderSection(asOwner);

    const email = await screen.findByRole('textbox', { name: 'Adresse e-mail de son compte' });
    await userEvent.type(email, 'fatou.sall@example.sn');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter' }));

    await vi.waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(describedBy(email)).toContain('Aucun compte Marcottage n’utilise cette adresse');
    expect(email).toHaveFocus();
    const post = calls.find((call) => call.method === 'POST');
    expect(await post!.json()).toEqual({ email: 'fatou.sall@example.sn', role: 'editor' });

    answer = () => problem(409, 'conflict');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter' }));
    expect(await screen.findByText('Cette personne fait déjà partie de l’organisation.')).toBeInTheDocument();
  });
});
