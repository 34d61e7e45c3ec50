import { expect, test, type Page } from '@playwright/test';
import { linkIn, waitForMail } from './mailbox';
import { registerMember } from './seed';

async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test('a member registers, confirms the address, creates an organisation, finds it by country and invites an editor, who accepts', async ({
  page,
  baseURL,
  browser,
}) => {
  const run = Date.now();
  const owner = { name: 'Awa Diop', email: `awa.diop.${run}@example.sn`, password: 'graines de baobab 2026' };
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

  // The owner invites by e-mail: an address without an account and a second member (registered
  // and confirmed through the API) get the same answer, and nobody joins before accepting.
  const editor = await registerMember(baseURL!, 'Moussa Ndiaye', `moussa.ndiaye.${run}@example.sn`, 'mangues de casamance 2026');
  const nobody = `nobody.${run}@example.sn`;
  await page.getByLabel('Son adresse e-mail').fill(nobody);
  await page.getByRole('button', { name: 'Inviter', exact: true }).click();
  await expect(page.getByText(`Invitation envoyée à ${nobody}.`)).toBeVisible();
  await page.getByLabel('Son adresse e-mail').fill(editor.email);
  await expect(page.getByLabel('Rôle')).toHaveValue('editor');
  await page.getByRole('button', { name: 'Inviter', exact: true }).click();
  await expect(page.getByText(`Invitation envoyée à ${editor.email}.`)).toBeVisible();
  const pending = page.getByRole('list', { name: 'Invitations en attente de réponse' });
  await expect(pending.getByRole('listitem')).toHaveCount(2);
  await pending.getByRole('button', { name: `Retirer l’invitation : ${nobody}` }).click();
  await expect(pending.getByRole('listitem')).toHaveCount(1);
  await expect(members.getByRole('listitem')).toHaveCount(1);
  await waitForMail(editor.email, /vous invite à rejoindre/);

  // The editor, logged in elsewhere, finds the invitation on the organisations page and accepts it.
  const editorContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 740 } });
  const editorPage = await editorContext.newPage();
  await editorPage.goto('/login?next=%2Forganisations');
  await logIn(editorPage, editor.email, editor.password);
  const invitations = editorPage.getByRole('list', { name: 'Invitations à rejoindre une organisation' });
  await expect(invitations.getByRole('listitem')).toContainText(`${owner.name} vous invite à rejoindre « ${organisationName} » (rôle : Éditeur(rice)).`);
  await invitations.getByRole('button', { name: `Accepter : ${organisationName}` }).click();
  await expect(editorPage.getByText(`Vous faites maintenant partie de « ${organisationName} ».`)).toBeVisible();
  expect(await editorPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The owner sees the editor among the members, and the invitation answered.
  await page.reload();
  const editorItem = members.getByRole('listitem').filter({ hasText: editor.name });
  await expect(editorItem).toContainText('Éditeur(rice)');
  await expect(page.getByText('Aucune invitation en attente.')).toBeVisible();

  // The only owner cannot leave: the API's 409, said plainly.
  await page.getByRole('button', { name: 'Quitter l’organisation' }).click();
  await page.getByRole('button', { name: 'Oui, quitter' }).click();
  await expect(page.getByRole('alert')).toContainText('nommez d’abord un autre propriétaire');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The editor may edit the details but not manage the members.
  await editorPage.getByRole('link', { name: `Voir « ${organisationName} »` }).click();
  await expect(editorPage).toHaveURL(organisationUrl);
  await expect(editorPage.getByRole('heading', { level: 1, name: organisationName })).toBeVisible();
  await expect(editorPage.getByRole('link', { name: 'Modifier la fiche' })).toBeVisible();
  await expect(editorPage.getByRole('button', { name: 'Quitter l’organisation' })).toBeVisible();
  await expect(editorPage.getByRole('heading', { name: 'Inviter un membre' })).toHaveCount(0);
  await expect(editorPage.getByRole('button', { name: /^Retirer/ })).toHaveCount(0);
  await expect(editorPage.getByRole('heading', { name: 'Supprimer l’organisation' })).toHaveCount(0);
  await editorContext.close();
});
