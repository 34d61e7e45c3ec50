import { expect, test } from '@playwright/test';
import { linkIn, waitForMail } from './mailbox';

test('a member registers, confirms the address from the e-mail, completes the profile and logs out', async ({
  page,
  baseURL,
}) => {
  const email = `awa.diop.${Date.now()}@example.sn`;
  const password = 'graines de baobab 2026';

  // Register, from the header.
  await page.goto('/');
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await page.getByLabel('Nom affiché').fill('Awa Diop');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vérifiez votre boîte de réception' })).toBeVisible();

  // The verification e-mail, in French since the member registered in French.
  const mail = await waitForMail(email, /Confirmez votre adresse e-mail/);
  const link = linkIn(mail, `${baseURL}/verify-email?token=`);
  await page.goto(link);
  await expect(page.getByText('Votre adresse e-mail est confirmée. Merci !')).toBeVisible();

  // Log in; the link leads on to the profile.
  await page.getByRole('link', { name: 'Se connecter et compléter mon profil' }).click();
  // Until the login page is there, "Adresse e-mail" also names the confirmation page's section.
  await expect(page.getByRole('heading', { level: 1, name: 'Se connecter' })).toBeVisible();
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
  await expect(page).toHaveURL(/\/account\/profile$/);
  const menu = page.locator('summary', { hasText: 'Awa Diop' });
  await expect(menu).toBeVisible();
  // Verified: no reminder to confirm the address.
  await expect(page.getByText(/n’est pas encore confirmée/)).toHaveCount(0);

  // Edit the profile.
  await page.getByLabel('Pays d’origine').selectOption('SN');
  await page.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await expect(page.getByText('Profil enregistré.')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // A reload keeps the session (refresh token in storage) and shows what was saved.
  await page.reload();
  await expect(page.getByLabel('Pays d’origine')).toHaveValue('SN');

  // Log out from the header menu.
  await menu.click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByText('Vous êtes déconnecté(e). À bientôt !')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
  expect(await page.evaluate(() => window.localStorage.getItem('marcottage.refresh'))).toBeNull();

  // Member pages are closed again.
  await page.goto('/account/profile');
  await expect(page.getByText('Connectez-vous pour voir cette page.')).toBeVisible();
});
