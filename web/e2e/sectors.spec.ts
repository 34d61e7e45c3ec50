import { expect, test, type Page } from '@playwright/test';

/** The collapsible group of one 3-digit sector category. */
function category(page: Page, listName: string, code: string) {
  return page
    .getByRole('list', { name: listName })
    .getByRole('group')
    .filter({ has: page.locator('summary', { hasText: new RegExp(`^\\s*${code}\\s`) }) });
}

test('a visitor reads the sectors in French, then switches to English', async ({ page }) => {
  await page.goto('/');

  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Secteurs d’activité' })).toBeVisible();
  const education = category(page, 'Secteurs par catégorie', '111');
  await expect(education.locator('summary')).toContainText(/niveau non spécifié/i);

  await education.locator('summary').click();
  await expect(education.getByRole('listitem').filter({ hasText: /^\s*11110\s/ })).toBeVisible();

  // Usable on a 360 px phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await page.getByLabel('Langue').selectOption('en');

  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Sectors' })).toBeVisible();
  await expect(category(page, 'Sectors by category', '111').locator('summary')).toContainText(/level unspecified/i);

  // The choice outlives a reload.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sectors' })).toBeVisible();
  await expect(page.getByLabel('Language')).toHaveValue('en');
});

test('a deep link is answered by the app, not by a server 404', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
  await page.getByRole('link', { name: 'Retour à l’accueil' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Secteurs d’activité' })).toBeVisible();
});
