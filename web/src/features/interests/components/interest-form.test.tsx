import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { installAuth, session } from '@/features/auth';
import { mockMemberApi, opportunity, teranga } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { vi } from 'vitest';
import { pendingInterest, problem } from '../testing/fixtures';
import { InterestPanel } from './interest-panel';
import { interestBody } from './interest-form';

const target = { kind: 'opportunity' as const, id: opportunity.id };

/** The API answering the interest's POST with `answer`. */
function mockInterest(answer: () => Response) {
  return mockMemberApi((request) => {
    if (new URL(request.url).pathname === '/api/v1/interests' && request.method === 'POST') return answer();
    return new Response(null, { status: 404 });
  });
}

async function express(message: string) {
  renderWithProviders(<InterestPanel target={target} />, { path: `/opportunities/${opportunity.id}` });
  await userEvent.click(screen.getByRole('button', { name: 'Je suis intéressé(e)' }));
  expect(screen.getByLabelText('Votre message')).toHaveFocus();
  if (message) await userEvent.type(screen.getByLabelText('Votre message'), message);
}

beforeAll(() => installAuth());
afterEach(() => {
  cleanup();
  session.end('logout');
});

describe('the interest form', () => {
  it('builds the body from the trimmed message, with an organisation only when one is chosen', () => {
    expect(interestBody(target, '  Bonjour  ', '')).toEqual({ target, message: 'Bonjour' });
    expect(interestBody(target, 'Bonjour', teranga)).toEqual({ target, message: 'Bonjour', organisation_id: teranga });
  });

  it('sends the message on behalf of the chosen organisation, with an Idempotency-Key, and says when the answer is due', async () => {
    const calls = mockInterest(() => Response.json(pendingInterest, { status: 201 }));
    await express('  Nous installons des séchoirs solaires.  ');
    await userEvent.selectOptions(await screen.findByLabelText('Au nom de'), 'Association Teranga Lyon');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer' }));

    expect(await screen.findByRole('heading', { name: 'Intérêt envoyé' })).toHaveFocus();
    expect(screen.getByText(/attendue d’ici le 10 décembre 2026/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Voir mes intérêts envoyés' })).toHaveAttribute('href', '/interests?box=sent');
    const post = calls.find((call) => call.method === 'POST')!;
    expect(await post.json()).toEqual({ target, message: 'Nous installons des séchoirs solaires.', organisation_id: teranga });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('asks for a message before sending anything', async () => {
    const calls = mockInterest(() => Response.json(pendingInterest, { status: 201 }));
    await express('');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer' }));

    expect(screen.getByLabelText('Votre message')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Votre message')).toHaveFocus();
    expect(screen.getByText('Écrivez un message de 1 à 2 000 caractères.')).toBeInTheDocument();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('says that an interest is already pending (409), with the way to the sent box', async () => {
    mockInterest(() => problem(409, 'conflict', { detail: 'you already have a pending interest in this item' }));
    await express('Une relance.');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Vous avez déjà manifesté un intérêt pour cette annonce');
    expect(alert).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Voir mes intérêts envoyés' })).toBeInTheDocument();
  });

  it('says how long to wait after the daily cap (429 with Retry-After), in hours or minutes', async () => {
    let retryAfter = '7200';
    mockInterest(() => problem(429, 'rate_limited', {}, { 'Retry-After': retryAfter }));
    await express('Bonjour');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Vous avez atteint le nombre de marques d’intérêt permises par jour. Réessayez dans 2 heures.',
    );

    retryAfter = '90';
    await userEvent.type(screen.getByLabelText('Votre message'), ' encore');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer' }));
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Réessayez dans 2 minutes.'));
  });

  it('puts the API’s field errors (422) beside the message and the organisation, and an item’s refusal above', async () => {
    let errors = [
      { field: 'message', code: 'length', message: 'say who you are and what you propose' },
      { field: 'organisation_id', code: 'not_a_member', message: 'speak only for an organisation you belong to' },
    ];
    mockInterest(() => problem(422, 'validation_failed', { errors }));
    await express('   x');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer' }));

    expect(await screen.findByText('Écrivez un message de 1 à 2 000 caractères.')).toBeInTheDocument();
    expect(screen.getByLabelText('Votre message')).toHaveFocus();
    expect(screen.getByLabelText('Au nom de')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Choisissez une organisation dont vous êtes membre.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Corrigez les champs signalés ci-dessous.');

    errors = [{ field: 'target', code: 'not_open', message: 'this item no longer welcomes interest' }];
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('Cette annonce n’accepte plus de marques d’intérêt.'),
    );
    expect(screen.getByLabelText('Votre message')).not.toHaveAttribute('aria-invalid');
  });

  it('asks visitors to log in first and come back', () => {
    renderWithProviders(<InterestPanel target={target} />, { path: `/opportunities/${opportunity.id}` });
    expect(screen.getByRole('link', { name: 'Connectez-vous pour manifester votre intérêt' })).toHaveAttribute(
      'href',
      `/login?next=${encodeURIComponent(`/opportunities/${opportunity.id}`)}`,
    );
  });
});
