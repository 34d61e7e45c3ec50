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
  // The funder publishes its call through the web form, on a phone.
  const callTitle = `Appel numérique éducatif ${run}`;
  const funderContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 740 } });
  const funderPage = await funderContext.newPage();
  await logIn(funderPage, funder);
  await funderPage.goto('/funding');
  await funderPage.getByRole('link', { name: 'Publier un appel à projets' }).click();
  await funderPage.getByLabel('Financeur', { exact: true }).selectOption(agency.id);
  await funderPage.getByLabel('Programme', { exact: true }).fill('Coopération de territoire à territoire');
  await funderPage.getByLabel('Code du programme (facultatif)', { exact: true }).fill('PCTT-2027');
  await funderPage.getByLabel('Titre', { exact: true }).fill(callTitle);
  await funderPage
    .getByLabel('Description', { exact: true })
    .fill('Le programme cofinance les projets numériques des collectivités sénégalaises et françaises.');
  await funderPage.getByLabel('Budget total', { exact: true }).fill('12500000');
  await funderPage.getByLabel('Subvention maximale par projet (facultatif)', { exact: true }).fill('100000');
  await funderPage.getByLabel(/Part maximale du budget/).fill('50');
  await funderPage.getByLabel('Nombre de subventions prévues (facultatif)', { exact: true }).fill('10');
  await funderPage.getByRole('checkbox', { name: 'collectivités', exact: true }).check();
  await funderPage.getByLabel('Pays éligibles', { exact: true }).fill('SN');
  await funderPage.getByLabel('Secteurs éligibles', { exact: true }).fill('321');
  await funderPage.getByLabel('Ouverture le', { exact: true }).fill(day(-5));
  // A closing day before the opening one is refused beside its field.
  await funderPage.getByLabel('Clôture à la fin du', { exact: true }).fill(day(-6));
  await funderPage.getByLabel('Fuseau horaire', { exact: true }).fill('Africa/Dakar');
  await funderPage.getByRole('button', { name: 'Publier l’appel' }).click();
  await expect(funderPage.getByLabel('Clôture à la fin du', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(funderPage.getByText('La clôture suit l’ouverture (ou tombe le même jour).')).toBeVisible();
  await funderPage.getByLabel('Clôture à la fin du', { exact: true }).fill(day(20));
  expect(await funderPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await funderPage.getByRole('button', { name: 'Publier l’appel' }).click();
  await expect(funderPage.getByRole('heading', { level: 1, name: callTitle })).toBeVisible();
  const call = { id: new URL(funderPage.url()).pathname.split('/').at(-1)!, title: callTitle };

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
  // Saved as a draft, reopened from its page, changed, then submitted from there.
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page.getByText('Brouillon enregistré.')).toBeVisible();
  await page.getByRole('link', { name: 'Ouvrir le brouillon' }).click();
  await expect(page.getByTestId('application-status')).toHaveText('Brouillon');
  const asked = page.getByLabel('Montant demandé (EUR)');
  await expect(asked).toHaveValue('100000');
  await asked.fill('90000');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page.getByText('Brouillon enregistré.')).toBeVisible();
  await page.getByRole('button', { name: 'Déposer la candidature' }).click();
  await expect(page.getByTestId('application-status')).toHaveText('Déposée');
  await expect(page.getByText(/Demande 90/)).toBeVisible();

  // The funder takes it up and accepts it with an amount.
  await funderPage.setViewportSize({ width: 1280, height: 900 });
  await funderPage.goto(`/funding/calls/${call.id}`);
  await funderPage.getByRole('link', { name: /Tableau d.instruction/ }).click();
  const card = funderPage.getByRole('listitem').filter({ hasText: project.title });
  await card.getByRole('button', { name: 'Mettre à l’étude' }).or(card.getByRole('button', { name: "Mettre à l'étude" })).click();
  await card.getByLabel('Montant accordé').fill('80000');
  await funderPage.screenshot({ path: `${shots}/funding-review-board-fr.png`, fullPage: true });
  await card.getByRole('button', { name: 'Retenir', exact: true }).click();
  await expect(card).toContainText('Retenue');
  // The same board in English, on a phone.
  await funderPage.evaluate(() => window.localStorage.setItem('marcottage.lang', 'en'));
  await funderPage.setViewportSize({ width: 360, height: 740 });
  await funderPage.reload();
  await expect(funderPage.getByRole('heading', { level: 1, name: 'Review board' })).toBeVisible();
  await expect(funderPage.getByRole('listitem').filter({ hasText: project.title })).toContainText('Accepted');
  expect(await funderPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await funderPage.screenshot({ path: `${shots}/funding-review-board-en-360.png`, fullPage: true });
  await funderContext.close();

  // The owner is told, and the grant is in the financing plan.
  await page.goto('/notifications');
  await expect(page.getByText(/est retenue/)).toBeVisible();
  await page.goto(`/projects/${project.id}/funding`);
  await expect(page.getByRole('row').filter({ hasText: `Agence de coopération ${run}` })).toContainText('80');

  // The owner adds a co-financer and an indicator to the project.
  const addLine = page.getByRole('form', { name: 'Ajouter un cofinanceur' });
  await addLine.getByLabel('Nom du financeur').fill('Ville de Besançon');
  await addLine.getByLabel('Montant', { exact: true }).fill('30000');
  await addLine.getByRole('button', { name: 'Ajouter au plan' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Ville de Besançon' })).toContainText('30');
  const addIndicator = page.getByRole('form', { name: 'Ajouter un indicateur de résultat' });
  await addIndicator.getByLabel('Indicateur').fill('Ordinateurs installés');
  await addIndicator.getByLabel('Unité').fill('ordinateurs');
  await addIndicator.getByLabel('Cible').fill('30000');
  await addIndicator.getByLabel('Échéance').fill(day(365));
  await addIndicator.getByRole('button', { name: 'Ajouter l’indicateur' }).click();

  // A measurement moves the progress bar.
  const bar = page.getByRole('progressbar', { name: 'Ordinateurs installés' });
  await expect(bar).toHaveAttribute('aria-valuenow', '0');
  await page.getByLabel('Valeur', { exact: true }).fill('500');
  await page.getByRole('button', { name: 'Enregistrer une mesure' }).click();
  await expect(bar).toHaveAttribute('aria-valuenow', '1.7');
  await expect(page.getByTestId('indicator-progress')).toContainText('500 sur 30');
  await page.screenshot({ path: `${shots}/funding-indicators-fr-360.png`, fullPage: true });

  // The application's page tells its history; the call page and the indicators in English.
  await page.goto('/me/funding-applications');
  await page.getByRole('link', { name: call.title }).click();
  await expect(page.getByTestId('application-status')).toHaveText('Retenue');
  await expect(page.getByRole('listitem').filter({ hasText: 'Déposée' })).toBeVisible();
  await page.evaluate(() => window.localStorage.setItem('marcottage.lang', 'en'));
  await page.goto(`/funding/calls/${call.id}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Who may apply' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: `${shots}/funding-call-en-360.png`, fullPage: true });
  await page.goto(`/projects/${project.id}/funding`);
  await expect(page.getByTestId('indicator-progress')).toContainText('500 of 30');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: `${shots}/funding-indicators-en-360.png`, fullPage: true });
});
