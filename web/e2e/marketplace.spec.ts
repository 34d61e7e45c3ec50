import { expect, test, type Page } from '@playwright/test';
import { changeOpportunity, createOpportunity, createProject, registerMember } from './seed';

async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test('a visitor searches with a word typed without accents, filters by country and opens a project', async ({ page, baseURL }) => {
  const run = Date.now();
  const member = await registerMember(baseURL!, 'Awa Diop', `awa.seed.${run}@example.sn`, 'graines de baobab 2026');
  const senegal = await createProject(baseURL!, member, {
    title: `Coopération décentralisée Lyon–Ziguinchor ${run}`,
    summary: 'Jumelage entre écoles et maraîchage partagé en Casamance.',
    description: 'Une coopération entre collectivités, avec des échanges de jeunes chaque été.',
    countries: ['SN'],
    sectors: ['31161'],
    needs: ['technical_partnership'],
    budget_amount: 25_000_000,
    budget_currency: 'XOF',
  });
  const mali = await createProject(baseURL!, member, {
    title: `Coopération hydraulique à Kayes ${run}`,
    summary: 'Forages et gestion de l’eau avec les communes du cercle de Kayes.',
    countries: ['ML'],
  });
  await createProject(baseURL!, member, {
    title: `Brouillon de coopération ${run}`,
    summary: 'Un brouillon ne se voit pas dans la recherche.',
    countries: ['SN'],
    status: 'draft',
  });
  const offer = await createOpportunity(baseURL!, member, {
    direction: 'request',
    category: 'technical_partnership',
    title: `Partenaire de coopération pour le séchage solaire ${run}`,
    description: 'Nous cherchons une entreprise qui maîtrise le séchage solaire des fruits.',
    country: 'SN',
    remote: false,
    anonymous: true,
  });

  // From the header to the search page; the word has no accent, the titles do.
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Rechercher' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rechercher' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Mots-clés' }).fill('cooperation');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(page).toHaveURL(/\/search\?q=cooperation$/);
  const projects = page.getByRole('list', { name: 'Projets trouvés' });
  await expect(projects.getByRole('link', { name: senegal.title })).toBeVisible();
  await expect(projects.getByRole('link', { name: mali.title })).toBeVisible();
  await expect(page.getByText(`Brouillon de coopération ${run}`)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /\d+ projets/ })).toBeVisible();

  // The country facet, with labels and counts, narrows the results and goes into the address.
  await page.getByText('Affiner la recherche', { exact: true }).click();
  await page.getByRole('list', { name: 'Pays' }).getByRole('link', { name: /^Sénégal \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/\/search\?q=cooperation&country=SN$/);
  await expect(projects.getByRole('link', { name: senegal.title })).toBeVisible();
  await expect(projects.getByRole('link', { name: mali.title })).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Pays' }).getByRole('link', { name: /^Sénégal/ })).toHaveAttribute('aria-current', 'true');

  // The same words and country among the opportunities; the anonymous author stays hidden.
  await page.getByRole('link', { name: 'Opportunités', exact: true }).click();
  await expect(page).toHaveURL(/\/search\?type=opportunities&q=cooperation&country=SN$/);
  await expect(page.getByRole('list', { name: 'Opportunités trouvées' }).getByRole('link', { name: offer.title })).toBeVisible();
  await page.goBack();

  // The project's page, read without an account: stage, details, its first milestone.
  await projects.getByRole('link', { name: senegal.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: senegal.title })).toBeVisible();
  await expect(page.getByText('Étape :')).toContainText('Idée');
  await expect(page.getByText('Sénégal', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: /Jalons du projet/ }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Modifier le projet' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Noter un jalon' })).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('a member publishes a project, moves it to the project stage with a milestone and offers an internship for it', async ({
  page,
  baseURL,
}) => {
  const run = Date.now();
  const member = await registerMember(baseURL!, 'Moussa Ndiaye', `moussa.${run}@example.sn`, 'mangues de casamance 2026');
  const title = `Séchage solaire de mangues ${run}`;
  const internship = `Stage en transformation agroalimentaire ${run}`;

  // "My projects", from the account menu, asks to log in first.
  await page.goto('/me/projects');
  await logIn(page, member.email, member.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Mes projets' })).toBeVisible();
  await expect(page.getByText('Vous n’avez pas encore de projet.')).toBeVisible();
  await page.getByRole('link', { name: 'Nouveau projet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nouveau projet' })).toBeVisible();

  // The summary is too short for the API: its error shows beside the field.
  await page.getByLabel('Titre du projet').fill(title);
  await page.getByLabel('Résumé').fill('Séchoir');
  await page.getByLabel('Pays', { exact: true }).selectOption(['SN']);
  await page.getByRole('button', { name: 'Ajouter un territoire' }).click();
  const territory = page.getByRole('group', { name: 'Territoire 1' });
  await territory.getByLabel('Pays').selectOption('SN');
  await territory.getByLabel('Lieu (commune, région…)').fill('Ziguinchor');
  await page.getByLabel('Partenaires recherchés').selectOption(['technical_partnership', 'internship']);
  await page.getByLabel('Visibilité').selectOption('published');
  await page.getByRole('button', { name: 'Publier le projet' }).click();
  const summary = page.getByLabel('Résumé');
  await expect(summary).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Le résumé compte de 10 à 500 caractères.')).toBeVisible();
  await summary.fill('Une unité de séchage solaire pour les mangues des vergers de Ziguinchor.');
  await page.getByRole('button', { name: 'Publier le projet' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(/Projet publié/)).toBeVisible();
  await expect(page.getByText('Ziguinchor (Sénégal)')).toBeVisible();
  await expect(page.getByText('Étape :')).toContainText('Idée');
  const timeline = page.getByRole('list', { name: /Jalons du projet/ });
  await expect(timeline.getByRole('listitem')).toHaveCount(1);
  await expect(timeline.getByRole('listitem')).toContainText('Début, à l’étape « Idée »');

  // A dated milestone moves it on to the "project" stage.
  await page.getByLabel('Ce qui s’est passé').fill('Premier séchoir installé avec la coopérative de Niaguis.');
  await page.getByRole('radio', { name: 'Passe à l’étape « Projet »' }).check();
  await page.getByRole('button', { name: 'Ajouter le jalon' }).click();
  await expect(page.getByText('Jalon ajouté : le projet est maintenant à l’étape « Projet ».')).toBeVisible();
  await expect(page.getByText('Étape :')).toContainText('Projet');
  await expect(timeline.getByRole('listitem')).toHaveCount(2);
  await expect(timeline.getByRole('listitem').nth(1)).toContainText('De l’étape « Idée » à l’étape « Projet »');
  await expect(timeline.getByRole('listitem').nth(1)).toContainText('Premier séchoir installé');
  // The next step is now "venture", and going back to "idea" is offered too.
  await expect(page.getByRole('radio', { name: 'Passe à l’étape « Entreprise »' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Revient à l’étape « Idée »' })).toBeVisible();
  const projectUrl = page.url();

  // An internship offer linked to the project, from the project's page.
  await page.getByRole('link', { name: 'Publier une opportunité pour ce projet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle opportunité' })).toBeVisible();
  await expect(page.getByLabel('Projet lié')).toHaveValue(new URL(projectUrl).pathname.split('/').at(-1)!);
  await expect(page.getByLabel('Pays', { exact: true })).toHaveValue('SN');
  await page.getByRole('radio', { name: /proposez quelque chose/ }).check();
  await page.getByLabel('Type d’opportunité').selectOption('internship');
  await page.getByLabel('Titre', { exact: true }).fill(internship);
  await page.getByLabel('Description').fill('Six mois à Lyon puis à Ziguinchor : contrôle qualité et mise en marché des mangues séchées.');
  await page.getByLabel('Pays', { exact: true }).selectOption('FR');
  await page.getByLabel('Ville').fill('Lyon');
  await page.getByLabel('Durée (en mois)').fill('6');
  await page.getByRole('button', { name: 'Publier l’opportunité' }).click();

  await expect(page.getByRole('heading', { level: 1, name: internship })).toBeVisible();
  await expect(page.getByText('Opportunité publiée.')).toBeVisible();
  await expect(page.getByText('Offre', { exact: true })).toBeVisible();
  await expect(page.getByText('Lyon, France')).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toHaveAttribute('href', new URL(projectUrl).pathname);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Both are listed as the member's own, and the internship is found by a visitor's search.
  await page.locator('summary', { hasText: member.name }).click();
  await page.getByRole('link', { name: 'Mes opportunités' }).click();
  await expect(page.getByRole('list', { name: 'Mes opportunités' }).getByRole('link', { name: internship })).toBeVisible();
  await page.goto(`/search?type=opportunities&category=internship&q=agroalimentaire`);
  await expect(page.getByRole('list', { name: 'Opportunités trouvées' }).getByRole('link', { name: internship })).toBeVisible();
});

test('a visitor narrows the search to West Africa and sees only items from its countries', async ({ page, baseURL }) => {
  const run = Date.now();
  const member = await registerMember(baseURL!, 'Aminata Sow', `aminata.${run}@example.sn`, 'karité du burkina 2026');
  const senegal = await createProject(baseURL!, member, {
    title: `Baobabiers de Ziguinchor ${run}`,
    summary: 'Pépinière de baobabiers et transformation du pain de singe.',
    countries: ['SN'],
  });
  const burkina = await createProject(baseURL!, member, {
    title: `Baobabiers et karité à Bobo-Dioulasso ${run}`,
    summary: 'Une coopérative de femmes autour du karité et des baobabiers.',
    countries: ['BF'],
  });
  const kenya = await createProject(baseURL!, member, {
    title: `Baobabiers de Kilifi ${run}`,
    summary: 'Des baobabiers sur la côte kényane, pour la poudre de baobab.',
    countries: ['KE'],
  });
  const offer = await createOpportunity(baseURL!, member, {
    direction: 'offer',
    category: 'job',
    title: `Technicien(ne) en pépinière de baobabiers ${run}`,
    description: 'Suivi des plants de baobabiers à Ziguinchor, pour deux ans.',
    country: 'SN',
    remote: false,
    anonymous: false,
  });
  const elsewhere = await createOpportunity(baseURL!, member, {
    direction: 'offer',
    category: 'job',
    title: `Technicien(ne) baobabiers à Kilifi ${run}`,
    description: 'Suivi des plants de baobabiers sur la côte kényane.',
    country: 'KE',
    remote: false,
    anonymous: false,
  });

  await page.goto('/search?q=baobabiers');
  const projects = page.getByRole('list', { name: 'Projets trouvés' });
  await expect(projects.getByRole('link', { name: kenya.title })).toBeVisible();

  // West Africa: Senegal and Burkina Faso stay, Kenya goes; the region goes into the address.
  await page.getByLabel('Région').selectOption({ label: 'Afrique occidentale, régional' });
  await expect(page).toHaveURL(/\/search\?q=baobabiers&region=1030$/);
  await expect(projects.getByRole('link', { name: senegal.title })).toBeVisible();
  await expect(projects.getByRole('link', { name: burkina.title })).toBeVisible();
  await expect(projects.getByRole('link', { name: kenya.title })).toHaveCount(0);
  await expect(page.getByLabel('Région')).toHaveValue('1030');

  // The region and a country combine: Senegal within West Africa.
  await page.getByText('Affiner la recherche', { exact: false }).click();
  const countries = page.getByRole('list', { name: 'Pays' });
  await expect(countries.getByRole('link', { name: /^Kenya/ })).toHaveCount(0);
  await countries.getByRole('link', { name: /^Sénégal \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/\/search\?q=baobabiers&region=1030&country=SN$/);
  await expect(projects.getByRole('link', { name: senegal.title })).toBeVisible();
  await expect(projects.getByRole('link', { name: burkina.title })).toHaveCount(0);

  // The opportunities of the same region, after the link from a shared address.
  await page.goto('/search?type=opportunities&q=baobabiers&region=1030');
  const opportunities = page.getByRole('list', { name: 'Opportunités trouvées' });
  await expect(opportunities.getByRole('link', { name: offer.title })).toBeVisible();
  await expect(opportunities.getByRole('link', { name: elsewhere.title })).toHaveCount(0);
  // East Africa shows the other one only.
  await page.getByLabel('Région').selectOption({ label: 'Afrique de l\'est, régional' });
  await expect(page).toHaveURL(/\/search\?type=opportunities&q=baobabiers&region=1027$/);
  await expect(opportunities.getByRole('link', { name: elsewhere.title })).toBeVisible();
  await expect(opportunities.getByRole('link', { name: offer.title })).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('a member deletes opportunities, from its page after a change made elsewhere and from “My opportunities”', async ({
  page,
  baseURL,
}) => {
  const run = Date.now();
  const member = await registerMember(baseURL!, 'Ibrahima Fall', `ibrahima.${run}@example.sn`, 'pirogues de saint-louis 2026');
  const opportunity = (title: string) =>
    createOpportunity(baseURL!, member, {
      direction: 'request',
      category: 'commercial_partnership',
      title,
      description: 'Nous cherchons un distributeur pour nos jus de bissap en France.',
      country: 'SN',
      remote: true,
      anonymous: false,
    });
  const first = await opportunity(`Distributeur de jus de bissap ${run}`);
  const second = await opportunity(`Importateur de bissap séché ${run}`);

  await page.goto('/me/opportunities');
  await logIn(page, member.email, member.password);
  const mine = page.getByRole('list', { name: 'Mes opportunités' });
  await mine.getByRole('link', { name: first.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: first.title })).toBeVisible();

  // Changed on another device meanwhile: the deletion is refused, the page shows the new version.
  await changeOpportunity(baseURL!, member, first.id, { title: `${first.title} (révisé)` });
  await page.getByRole('button', { name: 'Supprimer l’opportunité' }).click();
  await page.getByRole('button', { name: 'Oui, supprimer' }).click();
  await expect(page.getByRole('alert')).toContainText('Cette opportunité a été modifiée entre-temps');
  await expect(page.getByRole('heading', { level: 1, name: `${first.title} (révisé)` })).toBeVisible();

  // Against the version now shown, it goes; "My opportunities" says so.
  await page.getByRole('button', { name: 'Supprimer l’opportunité' }).click();
  await page.getByRole('button', { name: 'Oui, supprimer' }).click();
  await expect(page).toHaveURL(/\/me\/opportunities$/);
  await expect(page.getByText('L’opportunité a été supprimée.')).toBeVisible();
  await expect(mine.getByRole('link', { name: /Distributeur de jus de bissap/ })).toHaveCount(0);

  // The other one, from the list.
  await mine.getByRole('button', { name: `Supprimer l’opportunité « ${second.title} »` }).click();
  await mine.getByRole('button', { name: 'Oui, supprimer' }).click();
  await expect(page.getByText('Vous n’avez pas encore publié d’opportunité.')).toBeVisible();

  await page.goto(`/opportunities/${first.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Opportunité introuvable' })).toBeVisible();
});
