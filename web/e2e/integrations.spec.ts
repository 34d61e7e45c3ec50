import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { createOrganisation, registerMember } from './seed';

async function logIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Se connecter' })).toBeHidden();
}

/** A partner's webhook receiver on this machine: answers 204 and keeps what it received. */
async function receiver(): Promise<{ url: string; received: Array<{ path: string; headers: IncomingHttpHeaders; body: string }>; close: () => void }> {
  const received: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => server.close() };
}

test('an owner makes a read key for a browser origin, then adds, changes, pings and deletes a webhook', async ({ page, baseURL }) => {
  const run = Date.now();
  const awa = await registerMember(baseURL!, 'Awa Diop', `awa.integrations.${run}@example.sn`, 'graines de baobab 2026');
  const teranga = await createOrganisation(baseURL!, awa, { name: `Teranga Lyon ${run}`, kind: 'ngo', country: 'FR', city: 'Lyon' });
  const crm = await receiver();

  await logIn(page, awa.email, awa.password);
  await page.goto(`/organisations/${teranga.id}/integrations`);

  // A key that only reads, for the association's site: its secret is shown once.
  const newKey = page.getByRole('region', { name: 'Nouvelle clé d’API' });
  await newKey.getByRole('textbox', { name: 'Nom' }).fill('Site de l’association');
  await expect(newKey.getByRole('checkbox', { name: /^Lire/ })).toBeChecked();
  await newKey.getByRole('textbox', { name: /Origines autorisées/ }).fill('https://teranga-lyon.org');
  await newKey.getByRole('button', { name: 'Créer la clé' }).click();
  const secretPanel = page.getByRole('region', { name: 'Votre nouvelle clé « Site de l’association »' });
  const secret = (await secretPanel.locator('code').textContent()) ?? '';
  expect(secret).toMatch(/^mk_/);
  await secretPanel.getByRole('button', { name: 'Je l’ai enregistrée' }).click();
  await expect(page.getByText(secret)).toHaveCount(0);
  const keys = page.getByRole('list', { name: 'Clés d’API de l’organisation' });
  await expect(keys).toContainText('Site de l’association');
  await expect(keys).toContainText('Droits : lecture');
  await expect(keys).toContainText('Origine autorisée : https://teranga-lyon.org');
  await expect(keys).toContainText(`Clé ${secret.slice(0, 11)}`);

  // A webhook to the CRM, then moved to another path and paused.
  const newWebhook = page.getByRole('region', { name: 'Nouveau webhook' });
  await newWebhook.getByRole('textbox', { name: 'Adresse (URL)' }).fill(`${crm.url}/hooks/marcottage`);
  await newWebhook.getByRole('button', { name: 'Ajouter le webhook' }).click();
  await page.getByRole('button', { name: 'Je l’ai enregistrée' }).click();
  const webhooks = page.getByRole('list', { name: 'Webhooks de l’organisation' });
  await expect(webhooks).toContainText(`${crm.url}/hooks/marcottage`);

  await webhooks.getByRole('button', { name: `Modifier : ${crm.url}/hooks/marcottage` }).click();
  const edit = page.getByRole('form', { name: 'Modifier le webhook' });
  await edit.getByRole('textbox', { name: 'Adresse (URL)' }).fill(`${crm.url}/hooks/v2`);
  await edit.getByRole('checkbox', { name: 'L’organisation reçoit une marque d’intérêt' }).check();
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Webhook enregistré.')).toBeVisible();
  await expect(webhooks).toContainText(`${crm.url}/hooks/v2`);
  await expect(webhooks).toContainText('Événements : Une opportunité est publiée, L’organisation reçoit une marque d’intérêt');

  // A ping reaches the receiver, signed, and shows in the deliveries log.
  await webhooks.getByRole('button', { name: `Envoyer un ping : ${crm.url}/hooks/v2` }).click();
  await expect(webhooks.getByText(/Ping : reçu/)).toContainText('204');
  expect(crm.received).toHaveLength(1);
  expect(crm.received[0]!.path).toBe('/hooks/v2');
  expect(crm.received[0]!.headers['webhook-signature']).toMatch(/^v1,/);
  await webhooks.getByRole('button', { name: 'Envois' }).click();
  await expect(page.getByRole('list', { name: `Envois vers ${crm.url}/hooks/v2` })).toContainText('ping · reçu');

  // Deleting asks first, then the webhook is gone.
  await webhooks.getByRole('button', { name: `Supprimer : ${crm.url}/hooks/v2` }).click();
  await page.getByRole('button', { name: 'Oui, supprimer' }).click();
  await expect(page.getByText(`Le webhook vers ${crm.url}/hooks/v2 est supprimé.`)).toBeVisible();
  await expect(page.getByText('Aucun webhook pour l’instant.')).toBeVisible();
  crm.close();
});
