import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { addIntegrationTexts } from '@/lib/i18n-integrations';
import { awa, problem, teranga } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import type { ApiKey, CreatedApiKey } from '../api/api-keys';
import { ApiKeysPanel } from './api-keys-panel';

type Handler = (request: Request) => Response | Promise<Response>;

const siteKey: ApiKey = {
  id: '01890000-0000-7000-8000-0000000000f1',
  name: 'Site de l’association',
  prefix: 'mk_0123abcd',
  scopes: ['read', 'opportunities:write'],
  cors_origins: ['https://teranga-lyon.org'],
  requests_per_minute: 120,
  created_at: '2026-11-20T10:00:00Z',
  created_by: awa,
  expires_at: '2027-06-30T00:00:00Z',
  last_used_at: '2026-12-01T09:14:00Z',
  revoked_at: null,
};

const oldKey: ApiKey = {
  ...siteKey,
  id: '01890000-0000-7000-8000-0000000000f2',
  name: 'Ancien CRM',
  prefix: 'mk_9999ffff',
  scopes: ['read'],
  cors_origins: [],
  expires_at: null,
  last_used_at: null,
  revoked_at: '2026-11-25T08:00:00Z',
};

const created: CreatedApiKey = {
  ...siteKey,
  id: '01890000-0000-7000-8000-0000000000f3',
  name: 'Tableau de bord du bailleur',
  prefix: 'mk_4567beef',
  scopes: ['read'],
  expires_at: null,
  last_used_at: null,
  secret: 'mk_4567beef_s3cr3tS3cr3tS3cr3tS3cr3t',
};

/** The keys API: GET answers `keys`; `change` answers the POST and DELETE. */
function mockKeysApi(keys: () => ApiKey[], change: Handler = () => new Response(null, { status: 204 })) {
  const calls: Request[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    calls.push(request);
    if (request.method === 'GET') return Response.json(keys());
    return change(request);
  });
  return calls;
}

function renderPanel() {
  const rendered = renderWithProviders(<ApiKeysPanel organisationId={teranga} />, { path: '/' });
  addIntegrationTexts(rendered.i18n);
  return rendered;
}

describe('ApiKeysPanel', () => {
  it('lists the keys by prefix, scopes, expiry, last use and revocation, never the keys themselves', async () => {
    mockKeysApi(() => [siteKey, oldKey]);
    renderPanel();

    const list = await screen.findByRole('list', { name: 'Clés d’API de l’organisation' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const [site, old] = items as [HTMLElement, HTMLElement];
    expect(site).toHaveTextContent('Clé mk_0123abcd…');
    expect(site).toHaveTextContent('Droits : lecture, opportunités');
    expect(site).toHaveTextContent('Expire le 30 juin 2027');
    expect(site).toHaveTextContent('Dernière utilisation le 1 décembre 2026');
    expect(site).toHaveTextContent('Origine autorisée : https://teranga-lyon.org');
    expect(old).not.toHaveTextContent('Origine');
    expect(within(site).getByRole('button', { name: 'Révoquer : Site de l’association' })).toBeInTheDocument();
    expect(old).toHaveTextContent('Révoquée le 25 novembre 2026');
    expect(old).toHaveTextContent('Jamais utilisée');
    expect(within(old).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows a new key’s secret once, with a warning and a copy button, then forgets it', async () => {
    let keys: ApiKey[] = [];
    const calls = mockKeysApi(
      () => keys,
      () => {
        keys = [{ ...created, secret: undefined } as unknown as ApiKey];
        return Response.json(created, { status: 201 });
      },
    );
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderPanel();

    await userEvent.type(await screen.findByRole('textbox', { name: 'Nom' }), 'Tableau de bord du bailleur');
    await userEvent.click(screen.getByRole('button', { name: 'Créer la clé' }));

    expect(await screen.findByText(created.secret)).toBeInTheDocument();
    expect(screen.getByText(/elle n’est affichée qu’une seule fois/)).toBeInTheDocument();
    const post = calls.find((call) => call.method === 'POST');
    expect(new URL(post!.url).pathname).toBe(`/api/v1/organisations/${teranga}/api-keys`);
    expect(await post!.json()).toEqual({
      name: 'Tableau de bord du bailleur',
      scopes: ['read'],
      expires_at: null,
      cors_origins: [],
      requests_per_minute: null,
    });

    await userEvent.click(screen.getByRole('button', { name: 'Copier' }));
    expect(writeText).toHaveBeenCalledWith(created.secret);
    expect(await screen.findByText('Copiée.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Je l’ai enregistrée' }));
    expect(screen.queryByText(created.secret)).not.toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Clés d’API de l’organisation' });
    expect(list).toHaveTextContent('Clé mk_4567beef…');
    expect(document.body).not.toHaveTextContent(created.secret);
  });

  it('asks for at least one scope before sending anything', async () => {
    const calls = mockKeysApi(() => []);
    renderPanel();

    await userEvent.type(await screen.findByRole('textbox', { name: 'Nom' }), 'Sans droits');
    expect(screen.getByRole('checkbox', { name: 'Publier et modifier les opportunités de l’organisation' })).not.toBeChecked();
    await userEvent.click(screen.getByRole('checkbox', { name: /^Lire/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Créer la clé' }));

    expect(screen.getByText('Choisissez au moins un droit.')).toBeInTheDocument();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('shows the API’s field errors next to the field', async () => {
    mockKeysApi(
      () => [],
      () => problem(422, 'validation_failed', [{ field: 'name', code: 'required', message: 'name is required' }]),
    );
    renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: 'Créer la clé' }));

    const name = screen.getByRole('textbox', { name: 'Nom' });
    expect(await screen.findByText(/./, { selector: '.field__error' })).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
  });

  it('sends the browser origins one a line and the rate per minute', async () => {
    const calls = mockKeysApi(
      () => [],
      () => Response.json(created, { status: 201 }),
    );
    renderPanel();

    await userEvent.type(await screen.findByRole('textbox', { name: 'Nom' }), 'Widget');
    await userEvent.type(
      screen.getByRole('textbox', { name: /Origines autorisées/ }),
      'https://teranga-lyon.org{Enter}{Enter}  http://localhost:8080  ',
    );
    await userEvent.type(screen.getByRole('spinbutton', { name: /Requêtes par minute/ }), '60');
    await userEvent.click(screen.getByRole('button', { name: 'Créer la clé' }));

    expect(await screen.findByText(created.secret)).toBeInTheDocument();
    const post = calls.find((call) => call.method === 'POST');
    expect(await post!.json()).toMatchObject({
      cors_origins: ['https://teranga-lyon.org', 'http://localhost:8080'],
      requests_per_minute: 60,
    });
  });

  it('refuses an origin with a path before sending, naming it beside the field', async () => {
    const calls = mockKeysApi(() => []);
    renderPanel();

    await userEvent.type(await screen.findByRole('textbox', { name: 'Nom' }), 'Widget');
    const origins = screen.getByRole('textbox', { name: /Origines autorisées/ });
    await userEvent.type(origins, 'https://teranga-lyon.org/widget{Enter}https://ok.example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Créer la clé' }));

    expect(await screen.findByText(/https:\/\/teranga-lyon\.org\/widget/, { selector: '.field__error' })).toBeInTheDocument();
    expect(screen.queryByText(/ok\.example\.org/, { selector: '.field__error' })).not.toBeInTheDocument();
    expect(origins).toHaveAttribute('aria-invalid', 'true');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('shows the API’s errors on an origin and on the rate beside their fields', async () => {
    mockKeysApi(
      () => [],
      () =>
        problem(422, 'validation_failed', [
          { field: 'cors_origins[0]', code: 'origin', message: 'write an origin such as https://example.org' },
          { field: 'requests_per_minute', code: 'range', message: 'at most 6000' },
        ]),
    );
    renderPanel();

    await userEvent.type(await screen.findByRole('textbox', { name: 'Nom' }), 'Widget');
    await userEvent.type(screen.getByRole('textbox', { name: /Origines autorisées/ }), 'https://xn--ab.example');
    await userEvent.type(screen.getByRole('spinbutton', { name: /Requêtes par minute/ }), '9000');
    await userEvent.click(screen.getByRole('button', { name: 'Créer la clé' }));

    await waitFor(() => expect(screen.getByRole('textbox', { name: /Origines autorisées/ })).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByRole('spinbutton', { name: /Requêtes par minute/ })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: 'Nom' })).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('revokes a key after asking, through the API', async () => {
    let keys = [siteKey];
    const calls = mockKeysApi(
      () => keys,
      () => {
        keys = [{ ...siteKey, revoked_at: '2026-12-02T10:00:00Z' }];
        return new Response(null, { status: 204 });
      },
    );
    renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: 'Révoquer : Site de l’association' }));
    await userEvent.click(screen.getByRole('button', { name: 'Oui, révoquer' }));

    expect(await screen.findByText('La clé « Site de l’association » est révoquée.')).toBeInTheDocument();
    const deletion = calls.find((call) => call.method === 'DELETE');
    expect(new URL(deletion!.url).pathname).toBe(`/api/v1/organisations/${teranga}/api-keys/${siteKey.id}`);
    expect(await screen.findByText(/Révoquée le 2 décembre 2026/)).toBeInTheDocument();
  });

  it('says when revoking fails', async () => {
    mockKeysApi(
      () => [siteKey],
      () => problem(500, 'internal'),
    );
    renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: 'Révoquer : Site de l’association' }));
    await userEvent.click(screen.getByRole('button', { name: 'Oui, révoquer' }));

    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.queryByText(/est révoquée/)).not.toBeInTheDocument();
  });

  it('tells members who are not owners that keys are for owners only', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => problem(403, 'forbidden'));
    renderPanel();

    expect(await screen.findByText('Seuls les propriétaires de l’organisation gèrent ses clés d’API.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Créer la clé' })).not.toBeInTheDocument();
  });
});
