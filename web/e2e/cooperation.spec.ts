import { expect, test, type Page } from '@playwright/test';
import { createOrganisation, createProject, registerMember } from './seed';

async function logIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // Logged in once the header offers no login any more (the button hides while pending).
  await expect(page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Se connecter' })).toBeHidden();
}

/** The count the atlas map shows for `country`. */
async function mapCount(page: Page, country: string): Promise<number> {
  const shape = page.locator(`.country-map path[data-country="${country}"]`);
  await expect(shape).toBeVisible();
  return Number(await shape.getAttribute('data-count'));
}

test("an authority's editor records a link with an African town, the partner confirms it, the atlas counts it and the dashboard shows a project on the partner territory", async ({
  page,
  baseURL,
  browser,
}) => {
  test.setTimeout(120_000);
  const run = Date.now();
  const yann = await registerMember(baseURL!, 'Yann Le Goff', `yann.${run}@saint-brieuc.example.fr`, 'ajoncs de bretagne 2026');
  const awa = await registerMember(baseURL!, 'Awa Diatta', `awa.${run}@ziguinchor.example.sn`, 'mangues de casamance 2026');
  const moussa = await registerMember(baseURL!, 'Moussa Badji', `moussa.${run}@example.sn`, 'rizières de bignona 2026');
  const brieuc = await createOrganisation(baseURL!, yann, { name: `Ville de Saint-Brieuc ${run}`, kind: 'local_authority', country: 'FR', city: 'Saint-Brieuc' });
  const ziguinchor = await createOrganisation(baseURL!, awa, { name: `Commune de Ziguinchor ${run}`, kind: 'local_authority', country: 'SN', city: `Ziguinchor ${run}` });
  const project = await createProject(baseURL!, moussa, {
    title: `Cyber-centre des jeunes de Ziguinchor ${run}`,
    summary: 'Un espace numérique pour former les jeunes de la commune',
    countries: ['SN'],
    territories: [{ country: 'SN', place: `Ziguinchor ${run}` }],
  });

  // The atlas before: the map's count for Senegal.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/cooperation');
  await expect(page.getByRole('heading', { level: 1, name: 'Atlas de la coopération décentralisée' })).toBeVisible();
  const before = await mapCount(page, 'SN');

  // Saint-Brieuc's editor records the link with the African town, on the platform.
  await logIn(page, yann.email, yann.password);
  await page.goto('/cooperation/new');
  await expect(page.getByLabel('Votre collectivité')).toContainText(brieuc.name);
  await page.getByLabel('Collectivité partenaire sur Marcottage').selectOption({ label: `${ziguinchor.name} (SN)` });
  await page.getByLabel('Début (année)').fill('1991');
  await page.getByLabel('Description').fill('Jumelage-coopération : numérique, eau et échanges scolaires.');
  await page.getByRole('button', { name: 'Enregistrer le lien' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${brieuc.name} — ${ziguinchor.name}` })).toBeVisible();
  await expect(page.getByText('en attente de confirmation')).toBeVisible();
  const linkUrl = page.url();

  // The partner authority's editor confirms it.
  const partner = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 740 } });
  const partnerPage = await partner.newPage();
  await logIn(partnerPage, awa.email, awa.password);
  await partnerPage.goto(linkUrl);
  await partnerPage.getByRole('button', { name: 'Confirmer ce lien pour ma collectivité' }).click();
  await expect(partnerPage.getByText('confirmé par les deux parties')).toBeVisible();
  await partner.close();

  // It is on the atlas, found by words, and the map counts one more link for Senegal.
  await page.goto(`/cooperation?q=${run}`);
  const list = page.getByRole('list', { name: 'Liens de coopération' });
  await expect(list.getByRole('link', { name: `${brieuc.name} — ${ziguinchor.name}` })).toBeVisible();
  await expect(list).toContainText('confirmé par les deux parties');
  await expect.poll(() => mapCount(page, 'SN')).toBe(before + 1);
  await page.goto('/cooperation');
  await page.screenshot({ path: '../docs/screenshots/cooperation-atlas-fr-desktop.png', fullPage: true });
  await page.locator('.country-map').screenshot({ path: '../docs/screenshots/cooperation-map-fr-desktop.png' });
  // A click on Senegal filters the atlas by it.
  await page.locator('.country-map path[data-country="SN"]').click();
  await expect(page).toHaveURL(/country=SN/);

  // Saint-Brieuc's dashboard shows the project on its partner's territory.
  await page.goto(`/organisations/${brieuc.id}/territory`);
  const projects = page.getByTestId('territory-projects');
  await expect(projects.getByRole('link', { name: project.title })).toBeVisible();
  await expect(projects).toContainText('territoire partenaire');
  await expect(page.getByTestId('total-links')).toContainText('1');
  await page.screenshot({ path: '../docs/screenshots/cooperation-dashboard-fr-desktop.png', fullPage: true });

  // In English on a 360 px phone: the same pages, nothing wider than the screen.
  const english = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
  const phone = await english.newPage();
  // The browser asks for English: the app answers in it.
  await phone.goto('/cooperation');
  await expect(phone.getByRole('heading', { level: 1, name: 'Atlas of decentralised cooperation' })).toBeVisible();
  await expect(phone.locator('.country-map')).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await phone.screenshot({ path: '../docs/screenshots/cooperation-atlas-en-360.png', fullPage: true });
  await phone.locator('.country-map').screenshot({ path: '../docs/screenshots/cooperation-map-en-360.png' });
  await phone.goto(`/organisations/${brieuc.id}/territory`);
  await expect(phone.getByTestId('territory-projects')).toContainText(project.title);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await phone.screenshot({ path: '../docs/screenshots/cooperation-dashboard-en-360.png', fullPage: true });
  await english.close();
});
