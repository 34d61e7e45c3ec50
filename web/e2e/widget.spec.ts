import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { createOpportunity, createOrganisation, registerMember } from './seed';

async function logIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Se connecter' })).toBeHidden();
}

/**
 * A partner's site: its own server, on another origin (`localhost`, where the app is on
 * `127.0.0.1`), serving `html`. Both on this machine, so that Chromium's local network checks
 * see a local page calling a local API, as a public page calling a public API in production.
 */
async function partnerSite(html: string): Promise<{ url: string; close: () => void }> {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}/nos-opportunites`, close: () => server.close() };
}

test('an owner copies the widget snippet and a partner site on another origin lists the organisation’s signed opportunities', async ({
  page,
  baseURL,
}) => {
  const run = Date.now();
  const awa = await registerMember(baseURL!, 'Awa Diop', `awa.widget.${run}@example.sn`, 'graines de baobab 2026');
  const teranga = await createOrganisation(baseURL!, awa, { name: `Teranga Lyon ${run}`, kind: 'ngo', country: 'FR', city: 'Lyon' });
  const offer = {
    direction: 'offer',
    category: 'technical_partnership',
    description: 'Notre association forme des coopératives au séchage solaire des mangues.',
    sectors: ['32161'],
    country: 'SN',
    city: 'Ziguinchor',
    organisation_id: teranga.id,
  };
  const signed = await createOpportunity(baseURL!, awa, { ...offer, title: `Formateurs en séchage solaire ${run}` });
  await createOpportunity(baseURL!, awa, { ...offer, title: `Partenaire discret ${run}`, anonymous: true });

  // The owner finds the snippet in the organisation's integration settings.
  await logIn(page, awa.email, awa.password);
  await page.goto(`/organisations/${teranga.id}/integrations`);
  const snippet = await page.getByTestId('widget-snippet').textContent();
  expect(snippet).toContain(`data-organisation="${teranga.id}"`);
  expect(snippet).toContain(`${baseURL}/widget.js`);

  // The partner's own page, served from another origin, with only the snippet pasted in.
  const partner = await partnerSite(
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Teranga Lyon</title></head>
     <body><h1>Association Teranga Lyon</h1>${snippet}</body></html>`,
  );
  await page.goto(partner.url);
  const widget = page.locator('[data-marcottage-opportunities]');
  await expect(widget.getByRole('heading', { name: 'Nos opportunités sur Marcottage' })).toBeVisible();
  const link = widget.getByRole('link', { name: signed.title });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('href', `${baseURL}/opportunities/${signed.id}`);
  await expect(widget.getByText(`Partenaire discret ${run}`)).toHaveCount(0);
  await expect(widget.getByText(/Propose · Ziguinchor, SN/)).toBeVisible();
  partner.close();
});
