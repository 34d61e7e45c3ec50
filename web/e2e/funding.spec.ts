import { expect, test, type Page } from '@playwright/test';
import { registerMember, type Member } from './seed';

const shots = '../docs/screenshots';

async function api<T>(baseURL: string, path: string, member: Member, body: unknown): Promise<T> {
  const response = await fetch(`${baseURL}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${member.token}`, 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`e2e: ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

async function logIn(page: Page, member: Member) {
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(member.email);
  await page.getByLabel('Mot de passe').fill(member.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toHaveCount(0);
}

test('a funder publishes a call, a project owner applies, the funder accepts, the grant and a measurement show', async ({
  page,
  baseURL,
  browser,
}) => {
  const run = Date.now();
  const funder = await registerMember(baseURL!, 'Claire Martin', `claire.${run}@example.fr`, 'appel à projets 2027');
  const owner = await registerMember(baseURL!, 'Awa Diop', `awa.${run}@example.sn`, 'ordinateurs pour les écoles');
  const agency = await api<{ id: string }>(baseURL!, '/api/v1/organisations', funder, {
    name: `Agence de coopération ${run}`,
    kind: 'public_agency',
    country: 'FR',
  });
  const town = await api<{ id: string }>(baseURL!, '/api/v1/organisations', owner, {
    name: `Commune de Thiès ${run}`,
    kind: 'local_authority',
    country: 'SN',
  });
  const project = await api<{ id: string; title: string }>(baseURL!, '/api/v1/projects', owner, {
    title: `Ordinateurs pour les écoles ${run}`,
    summary: '30 000 ordinateurs installés dans les écoles élémentaires du Sénégal.',
    sectors: ['32161'],
    countries: ['SN'],
    status: 'published',
    organisation_id: town.id,
  });
  await api(baseURL!, `/api/v1/projects/${project.id}/indicators`, owner, {
    title: 'Ordinateurs installés',
    unit: 'ordinateurs',
    baseline_value: 0,
    target_value: 30000,
    due_on: day(365),
  });
  // The funder publishes its call (through the API: the web app has no publishing form yet).
  const call = await api<{ id: string; title: string }>(baseURL!, '/api/v1/funding-calls', funder, {
    funder_id: agency.id,
    programme_name: 'Coopération de territoire à territoire',
    programme_code: 'PCTT-2027',
    title: `Appel numérique éducatif ${run}`,
    description: 'Le programme cofinance les projets numériques des collectivités sénégalaises et françaises.',
    currency: 'EUR',
    total_budget: 12_500_000,
    max_grant: 100_000,
    max_cofinancing_rate: 50,
    applicant_kinds: ['local_authority'],
    countries: ['SN'],
    sectors: ['321'],
    opens_on: day(-5),
    closes_on: day(20),
    time_zone: 'Africa/Dakar',
    grants_expected: 10,
  });

  // The owner sees the call among the project's eligible calls.
  await logIn(page, owner);
  await page.goto(`/projects/${project.id}/funding`);
  const eligible = page.getByRole('listitem').filter({ hasText: call.title });
  await expect(eligible).toContainText('Vous êtes éligible');
  await eligible.getByRole('link', { name: call.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: call.title })).toBeVisible();

  // Too much asked: the live check says why, and the refused submission shows it beside its field.
  await page.locator('select[name="project_id"]').selectOption(project.id);
  await page.locator('select[name="organisation_id"]').selectOption(town.id);
  await page.getByLabel('Montant demandé (EUR)').fill('150000');
  await page.getByLabel('Budget total du projet (EUR)').fill('400000');
  await expect(page.getByText('Vous n’êtes pas éligible, car :').or(page.getByText("Vous n'êtes pas éligible, car :"))).toBeVisible();
  await expect(page.getByText('Au-delà de la subvention maximale de l’appel').or(page.getByText("Au-delà de la subvention maximale de l'appel"))).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: `${shots}/funding-call-fr-360.png`, fullPage: true });
  await page.getByRole('button', { name: 'Déposer la candidature' }).click();
  await expect(page.getByLabel('Montant demandé (EUR)')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Montant demandé (EUR)').fill('100000');
  await expect(page.getByText('Vous êtes éligible')).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${shots}/funding-call-fr.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByRole('button', { name: 'Déposer la candidature' }).click();
  await expect(page.getByText('Candidature déposée : le financeur est prévenu.')).toBeVisible();

  // The funder takes it up and accepts it with an amount.
  const funderContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const funderPage = await funderContext.newPage();
  await logIn(funderPage, funder);
  await funderPage.goto(`/funding/calls/${call.id}/applications`);
  const card = funderPage.getByRole('listitem').filter({ hasText: project.title });
  await card.getByRole('button', { name: 'Mettre à l’étude' }).or(card.getByRole('button', { name: "Mettre à l'étude" })).click();
  await card.getByLabel('Montant accordé').fill('80000');
  await funderPage.screenshot({ path: `${shots}/funding-review-board-fr.png`, fullPage: true });
  await card.getByRole('button', { name: 'Retenir', exact: true }).click();
  await expect(card).toContainText('Retenue');
  await funderContext.close();

  // The owner is told, and the grant is in the financing plan.
  await page.goto('/notifications');
  await expect(page.getByText(/est retenue/)).toBeVisible();
  await page.goto(`/projects/${project.id}/funding`);
  await expect(page.getByRole('row').filter({ hasText: `Agence de coopération ${run}` })).toContainText('80');

  // A measurement moves the progress bar.
  const bar = page.getByRole('progressbar', { name: 'Ordinateurs installés' });
  await expect(bar).toHaveAttribute('aria-valuenow', '0');
  await page.getByLabel('Valeur').fill('500');
  await page.getByRole('button', { name: 'Enregistrer une mesure' }).click();
  await expect(bar).toHaveAttribute('aria-valuenow', '1.7');
  await expect(page.getByTestId('indicator-progress')).toContainText('500 sur 30');
  await page.screenshot({ path: `${shots}/funding-indicators-fr-360.png`, fullPage: true });
});
