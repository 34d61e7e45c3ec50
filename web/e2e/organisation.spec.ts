import { expect, test, type Page } from '@playwright/test';
import { linkIn, waitForMail } from './mailbox';

async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test('a member registers, confirms the address, creates an organisation, finds it by country and adds an editor', async ({
  page,
  baseURL,
  browser,
  request,
}) => {
  const run = Date.now();
  const owner = { name: 'Awa Diop', email: `awa.diop.${run}@example.sn`, password: 'graines de baobab 2026' };
  const editor = { name: 'Moussa Ndiaye', email: `moussa.ndiaye.${run}@example.sn`, password: 'mangues de casamance 2026' };
  const organisationName = `Kaay Liggey ${run}`;

  // Register, then confirm the address with the link from the real e-mail.
  await page.goto('/register');
  await page.getByLabel('Nom affiché').fill(owner.name);
  await page.getByLabel('Adresse e-mail').fill(owner.email);
  await page.getByLabel('Mot de passe').fill(owner.password);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vérifiez votre boîte de réception' })).toBeVisible();
  const mail = await waitForMail(owner.email, /Confirmez votre adresse e-mail/);
  await page.goto(linkIn(mail, `${baseURL}/verify-email?token=`));
  await expect(page.getByText('Votre adresse e-mail est confirmée. Merci !')).toBeVisible();

  // From the header to the directory, and on to the creation form, which asks to log in first.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Organisations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisations' })).toBeVisible();
  await page.getByRole('link', { name: 'Créer une organisation' }).click();
  await expect(page.getByText('Connectez-vous pour voir cette page.')).toBeVisible();
  await logIn(page, owner.email, owner.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Créer une organisation' })).toBeVisible();

  // The API's field error shows beside its field; once corrected, the organisation is created.
  await page.getByLabel('Nom de l’organisation').fill(organisationName);
  await page.getByLabel('Type d’organisation').selectOption('diaspora_association');
  await page.getByLabel('Pays').selectOption('SN');
  await page.getByLabel('Ville').fill('Ziguinchor');
  await page.getByLabel('Site web').fill('kaay-liggey.example.sn');
  await page.getByLabel('Présentation').fill('Maraîchage et transformation de fruits en Casamance.');
  await page.getByRole('button', { name: 'Créer l’organisation' }).click();
  const website = page.getByLabel('Site web');
  await expect(website).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Saisissez une adresse web complète, commençant par https:// (ou http://).')).toBeVisible();
  await expect(website).toBeFocused();
  await website.fill('https://kaay-liggey.example.sn');
  await page.getByRole('button', { name: 'Créer l’organisation' }).click();

  await expect(page.getByRole('heading', { level: 1, name: organisationName })).toBeVisible();
  await expect(page.getByText(/Organisation créée\. Vous en êtes propriétaire/)).toBeVisible();
  await expect(page.getByText('Ziguinchor, Sénégal')).toBeVisible();
  const members = page.getByRole('list', { name: 'Membres de l’organisation' });
  await expect(members.getByRole('listitem')).toHaveCount(1);
  await expect(members.getByRole('listitem')).toContainText(`${owner.name} (vous)`);
  await expect(members.getByRole('listitem')).toContainText('Propriétaire');
  const organisationUrl = page.url();

  // The directory, filtered by its country, lists it; filtered by another, not.
  await page.getByRole('link', { name: 'Toutes les organisations' }).click();
  await page.getByText('Filtrer les organisations', { exact: true }).click();
  await page.getByLabel('Pays').selectOption('SN');
  await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
  await expect(page).toHaveURL(/\/organisations\?country=SN$/);
  const results = page.getByRole('list', { name: 'Organisations trouvées' });
  await expect(results.getByRole('link', { name: organisationName })).toBeVisible();
  await page.getByLabel('Pays').selectOption('ML');
  await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
  await expect(page.getByText('Aucune organisation ne correspond à ces critères.')).toBeVisible();
  await page.goBack();
  await results.getByRole('link', { name: organisationName }).click();
  await expect(page).toHaveURL(organisationUrl);

  // A second member, registered (not necessarily confirmed yet), is added as an editor by e-mail.
  const registered = await request.post('/api/v1/auth/register', {
    data: { display_name: editor.name, email: editor.email, password: editor.password, locale: 'fr' },
  });
  expect(registered.status()).toBe(202);
  await page.getByLabel('Adresse e-mail de son compte').fill(`nobody.${run}@example.sn`);
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByText(/Aucun compte Marcottage n’utilise cette adresse/)).toBeVisible();
  await page.getByLabel('Adresse e-mail de son compte').fill(editor.email);
  await expect(page.getByLabel('Rôle')).toHaveValue('editor');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByText(`${editor.name} fait maintenant partie de l’organisation.`)).toBeVisible();
  const editorItem = members.getByRole('listitem').filter({ hasText: editor.name });
  await expect(editorItem).toContainText('Éditeur(rice)');

  // The only owner cannot leave: the API's 409, said plainly.
  await page.getByRole('button', { name: 'Quitter l’organisation' }).click();
  await page.getByRole('button', { name: 'Oui, quitter' }).click();
  await expect(page.getByRole('alert')).toContainText('nommez d’abord un autre propriétaire');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The editor, logged in elsewhere, may edit the details but not manage the members.
  const editorContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 740 } });
  const editorPage = await editorContext.newPage();
  await editorPage.goto(`/login?next=${encodeURIComponent(new URL(organisationUrl).pathname)}`);
  await logIn(editorPage, editor.email, editor.password);
  await expect(editorPage.getByRole('heading', { level: 1, name: organisationName })).toBeVisible();
  await expect(editorPage.getByRole('link', { name: 'Modifier la fiche' })).toBeVisible();
  await expect(editorPage.getByRole('button', { name: 'Quitter l’organisation' })).toBeVisible();
  await expect(editorPage.getByRole('heading', { name: 'Ajouter un membre' })).toHaveCount(0);
  await expect(editorPage.getByRole('button', { name: /^Retirer/ })).toHaveCount(0);
  await expect(editorPage.getByRole('heading', { name: 'Supprimer l’organisation' })).toHaveCount(0);
  await editorContext.close();
});
