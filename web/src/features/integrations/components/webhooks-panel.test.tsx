import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { addIntegrationTexts } from '@/lib/i18n-integrations';
import { problem, teranga } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import type { Delivery, Webhook } from '../api/webhooks';
import { WebhooksPanel } from './webhooks-panel';

const hook: Webhook = {
  id: '01890000-0000-7000-8000-0000000000d1',
  url: 'https://teranga-lyon.org/hooks/marcottage',
  events: ['opportunity.created', 'interest.received'],
  active: true,
  created_at: '2026-11-20T10:00:00Z',
  secret: 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0',
  version: 1,
};

const delivery: Delivery = {
  id: '01890000-0000-7000-8000-0000000000d2',
  message_id: 'msg_1',
  event_type: 'opportunity.created',
  status: 'failed',
  created_at: '2026-12-01T10:00:00Z',
  delivered_at: null,
  attempts: [{ attempted_at: '2026-12-01T10:00:00Z', status_code: 500, latency_ms: 42, error: null }],
};

/** The webhooks API: the list answers `webhooks`, deliveries `[delivery]`, other methods `onPost`. */
function mockWebhooksApi(webhooks: () => Webhook[], onPost: (request: Request) => Response | Promise<Response>) {
  const calls: Request[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    calls.push(request);
    const { pathname } = new URL(request.url);
    if (request.method === 'GET' && pathname.endsWith('/deliveries')) return Response.json([delivery]);
    if (request.method === 'GET') return Response.json(webhooks());
    return onPost(request);
  });
  return calls;
}

function renderPanel() {
  const rendered = renderWithProviders(<WebhooksPanel organisationId={teranga} />, { path: '/' });
  addIntegrationTexts(rendered.i18n);
  return rendered;
}

describe('WebhooksPanel', () => {
  it('lists the webhooks without their secrets, and shows a new one’s secret once', async () => {
    let webhooks = [hook];
    const fresh = { ...hook, id: '01890000-0000-7000-8000-0000000000d3', url: 'https://crm.example.org/in', secret: 'whsec_bmV3c2VjcmV0' };
    const calls = mockWebhooksApi(
      () => webhooks,
      () => {
        webhooks = [hook, fresh];
        return Response.json(fresh, { status: 201 });
      },
    );
    renderPanel();

    const list = await screen.findByRole('list', { name: 'Webhooks de l’organisation' });
    expect(list).toHaveTextContent(hook.url);
    expect(list).toHaveTextContent('Événements : Une opportunité est publiée, L’organisation reçoit une marque d’intérêt');
    expect(document.body).not.toHaveTextContent(hook.secret);

    await userEvent.type(screen.getByRole('textbox', { name: 'Adresse (URL)' }), fresh.url);
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter le webhook' }));

    expect(await screen.findByText(fresh.secret)).toBeInTheDocument();
    const post = calls.find((call) => call.method === 'POST');
    expect(new URL(post!.url).pathname).toBe(`/api/v1/organisations/${teranga}/webhooks`);
    expect(post!.headers.get('Idempotency-Key')).toBeTruthy();
    expect(await post!.json()).toEqual({ url: fresh.url, events: ['opportunity.created'] });

    await userEvent.click(screen.getByRole('button', { name: 'Je l’ai enregistrée' }));
    expect(document.body).not.toHaveTextContent(fresh.secret);
  });

  it('pings a webhook, shows its deliveries and sends one again', async () => {
    const calls = mockWebhooksApi(
      () => [hook],
      (request) =>
        new URL(request.url).pathname.endsWith('/ping')
          ? Response.json({ ...delivery, event_type: 'ping', status: 'delivered', attempts: [{ ...delivery.attempts[0]!, status_code: 200 }] })
          : Response.json(delivery, { status: 202 }),
    );
    renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: `Envoyer un ping : ${hook.url}` }));
    expect(await screen.findByText(/Ping : reçu/)).toHaveTextContent('200 en 42 ms');

    await userEvent.click(screen.getByRole('button', { name: 'Envois' }));
    const log = await screen.findByRole('list', { name: `Envois vers ${hook.url}` });
    expect(log).toHaveTextContent('opportunity.created · échoué');
    await userEvent.click(within(log).getByRole('button', { name: 'Renvoyer' }));

    expect(await screen.findByText('Renvoyé.')).toBeInTheDocument();
    const redelivery = calls.find((call) => new URL(call.url).pathname.endsWith('/redeliver'));
    expect(new URL(redelivery!.url).pathname).toBe(
      `/api/v1/organisations/${teranga}/webhooks/${hook.id}/deliveries/${delivery.id}/redeliver`,
    );
  });

  it('changes a webhook’s address, events and pause with If-Match, and says when it is stale', async () => {
    let webhooks = [hook];
    let stale = false;
    const calls = mockWebhooksApi(
      () => webhooks,
      async (request) => {
        if (stale) return problem(412, 'precondition_failed');
        const changes = (await request.clone().json()) as Partial<Webhook>;
        webhooks = [{ ...hook, ...changes, version: hook.version + 1 }];
        return Response.json(webhooks[0], { headers: { ETag: `"${hook.version + 1}"` } });
      },
    );
    renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: `Modifier : ${hook.url}` }));
    const form = screen.getByRole('form', { name: 'Modifier le webhook' });
    const url = within(form).getByRole('textbox', { name: 'Adresse (URL)' });
    await userEvent.clear(url);
    await userEvent.type(url, 'https://teranga-lyon.org/hooks/v2');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'L’organisation reçoit une marque d’intérêt' }));
    await userEvent.click(within(form).getByRole('checkbox', { name: /^Actif/ }));
    await userEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));

    expect(await screen.findByText('Webhook enregistré.')).toBeInTheDocument();
    const patch = calls.find((call) => call.method === 'PATCH');
    expect(new URL(patch!.url).pathname).toBe(`/api/v1/organisations/${teranga}/webhooks/${hook.id}`);
    expect(patch!.headers.get('If-Match')).toBe('"1"');
    expect(await patch!.json()).toEqual({
      url: 'https://teranga-lyon.org/hooks/v2',
      events: ['opportunity.created'],
      active: false,
    });
    const list = await screen.findByRole('list', { name: 'Webhooks de l’organisation' });
    await waitFor(() => expect(list).toHaveTextContent('https://teranga-lyon.org/hooks/v2'));
    expect(list).toHaveTextContent('En pause');

    stale = true;
    await userEvent.click(screen.getByRole('button', { name: 'Modifier : https://teranga-lyon.org/hooks/v2' }));
    const again = screen.getByRole('form', { name: 'Modifier le webhook' });
    await userEvent.click(within(again).getByRole('checkbox', { name: /^Actif/ }));
    await userEvent.click(within(again).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(again).findByRole('alert')).toHaveTextContent(/./);
    expect(calls.filter((call) => call.method === 'PATCH').at(-1)!.headers.get('If-Match')).toBe('"2"');
  });

  it('shows the API’s field error beside the address', async () => {
    mockWebhooksApi(
      () => [hook],
      () => problem(422, 'validation_failed', [{ field: 'url', code: 'forbidden_target', message: 'private address' }]),
    );
    renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: `Modifier : ${hook.url}` }));
    const form = screen.getByRole('form', { name: 'Modifier le webhook' });
    const url = within(form).getByRole('textbox', { name: 'Adresse (URL)' });
    await userEvent.clear(url);
    await userEvent.type(url, 'http://10.0.0.1/in');
    await userEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));

    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'));
  });

  it('deletes a webhook only once the owner confirms, with If-Match', async () => {
    let webhooks = [hook];
    const calls = mockWebhooksApi(
      () => webhooks,
      () => {
        webhooks = [];
        return new Response(null, { status: 204 });
      },
    );
    renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: `Supprimer : ${hook.url}` }));
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    expect(screen.getByText(/Supprimer le webhook vers/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Oui, supprimer' }));

    expect(await screen.findByText(`Le webhook vers ${hook.url} est supprimé.`)).toBeInTheDocument();
    const deletion = calls.find((call) => call.method === 'DELETE');
    expect(new URL(deletion!.url).pathname).toBe(`/api/v1/organisations/${teranga}/webhooks/${hook.id}`);
    expect(deletion!.headers.get('If-Match')).toBe('"1"');
    expect(await screen.findByText('Aucun webhook pour l’instant.')).toBeInTheDocument();
  });
});
