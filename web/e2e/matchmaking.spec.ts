import { expect, test, type Page } from '@playwright/test';
import { createOpportunity, registerMember, type Member } from './seed';

async function logIn(page: Page, member: Member) {
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(member.email);
  await page.getByLabel('Mot de passe').fill(member.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.locator('.account-menu__name', { hasText: member.name })).toBeVisible();
}

test('a member finds a request among the matches of their offer, expresses interest, is accepted and both write in the conversation', async ({
  page,
  browser,
  baseURL,
}) => {
  const run = Date.now();
  const awa = await registerMember(baseURL!, 'Awa Diop', `awa.match.${run}@example.sn`, 'graines de baobab 2026');
  const moussa = await registerMember(baseURL!, 'Moussa Ndiaye', `moussa.match.${run}@example.sn`, 'mangues de casamance 2026');

  // Awa asks, anonymously, for a technical partner in agro-industries in Senegal; Moussa offers one.
  const request = await createOpportunity(baseURL!, awa, {
    direction: 'request',
    category: 'technical_partnership',
    title: `Partenaire technique pour sécher les mangues de Ziguinchor ${run}`,
    description: 'Notre coopérative cherche une entreprise qui maîtrise le séchage solaire des mangues et leur emballage.',
    country: 'SN',
    city: 'Ziguinchor',
    sectors: ['32161'],
    skills: ['séchage', 'emballage'],
    remote: false,
    anonymous: true,
  });
  const offer = await createOpportunity(baseURL!, moussa, {
    direction: 'offer',
    category: 'technical_partnership',
    title: `Ingénierie agroalimentaire : séchoirs solaires ${run}`,
    description: 'Nous installons des séchoirs solaires de mangues et formons les équipes au séchage et à l’emballage.',
    country: 'SN',
    city: 'Dakar',
    sectors: ['32161'],
    skills: ['Séchage', 'froid'],
    remote: false,
    anonymous: false,
  });

  // Moussa opens his offer: Awa's request is among its possible partners, with its reasons in French.
  await logIn(page, moussa);
  await page.goto(`/opportunities/${offer.id}`);
  await expect(page.getByRole('heading', { level: 1, name: offer.title })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Partenaires possibles' })).toBeVisible();
  const match = page
    .getByRole('list', { name: 'Partenaires possibles' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: request.title }) });
  await expect(match).toContainText(/Correspondance : \d+\s%/);
  const reasons = match.getByRole('list', { name: 'Pourquoi' });
  await expect(reasons.getByText('Même secteur : Agro-industries')).toBeVisible();
  await expect(reasons.getByText('Même pays : Sénégal')).toBeVisible();
  await expect(reasons.getByText('Compétences en commun : séchage')).toBeVisible();
  // His own offer does not ask for his interest.
  await expect(page.getByRole('button', { name: 'Je suis intéressé(e)' })).toHaveCount(0);

  // He opens the request (its author stays hidden) and expresses interest.
  await match.getByRole('link', { name: request.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: request.title })).toBeVisible();
  await expect(page.getByText('Publiée anonymement')).toBeVisible();
  await page.getByRole('button', { name: 'Je suis intéressé(e)' }).click();
  await expect(page.getByLabel('Votre message')).toBeFocused();
  await page.getByLabel('Votre message').fill('Bonjour, nous installons des séchoirs solaires à Dakar et pouvons venir à Ziguinchor.');
  await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Intérêt envoyé' })).toBeFocused();

  // A second time is refused while the first waits for an answer: the page says so.
  await page.reload();
  await page.getByRole('button', { name: 'Je suis intéressé(e)' }).click();
  await page.getByLabel('Votre message').fill('Une relance.');
  await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Vous avez déjà manifesté un intérêt pour cette annonce');

  // His sent box shows it pending, with the deadline, and Awa's name still hidden.
  await page.goto('/interests?box=sent');
  const sent = page.getByRole('list', { name: 'Marques d’intérêt envoyées' }).getByRole('listitem').first();
  await expect(sent).toContainText(request.title);
  await expect(sent).toContainText('En attente');
  await expect(sent).toContainText('Réponse attendue d’ici le');
  await expect(sent).not.toContainText('Awa Diop');

  // Awa sees a notification in the header, opens it and accepts.
  const awaContext = await browser.newContext();
  const awaPage = await awaContext.newPage();
  await logIn(awaPage, awa);
  await awaPage.getByRole('link', { name: 'Notifications, 1 non lue' }).click();
  await expect(awaPage.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await awaPage
    .getByRole('list', { name: 'Mes notifications' })
    .getByRole('link', { name: `Moussa Ndiaye s'intéresse à « ${request.title} »` })
    .click();
  await expect(awaPage.getByRole('heading', { level: 1, name: 'Marque d’intérêt' })).toBeVisible();
  await expect(awaPage.getByText('De Moussa Ndiaye')).toBeVisible();
  await expect(awaPage.getByText('nous installons des séchoirs solaires à Dakar', { exact: false })).toBeVisible();
  await expect(awaPage.getByRole('link', { name: /^Notifications/ })).toHaveAccessibleName('Notifications');
  await awaPage.getByRole('button', { name: 'Accepter l’intérêt de Moussa Ndiaye' }).click();
  await expect(awaPage.getByText('Intérêt accepté : la conversation est ouverte.')).toBeVisible();
  await expect(awaPage.getByRole('link', { name: moussa.email })).toBeVisible();

  // The received box lists it as accepted.
  await awaPage.goto('/interests');
  const received = awaPage.getByRole('list', { name: 'Marques d’intérêt reçues' }).getByRole('listitem').first();
  await expect(received).toContainText('Acceptée');
  await received.getByRole('link', { name: 'Ouvrir la conversation' }).click();
  await expect(awaPage.getByRole('heading', { level: 1, name: 'Avec Moussa Ndiaye' })).toBeVisible();
  await awaPage.getByLabel('Votre message').fill('Bonjour Moussa, venez nous voir jeudi à Ziguinchor.');
  await awaPage.getByRole('button', { name: 'Envoyer' }).click();
  const awaMessages = awaPage.getByRole('list', { name: 'Messages' });
  await expect(awaMessages.getByRole('listitem').last()).toContainText('Vous');
  await expect(awaMessages.getByRole('listitem').last()).toContainText('venez nous voir jeudi');

  // Moussa now sees who Awa is, and her message in the conversation, and answers.
  await page.goto('/interests?box=sent');
  await expect(sent).toContainText('Acceptée');
  await expect(sent).toContainText('Awa Diop');
  await expect(sent.getByRole('link', { name: awa.email })).toBeVisible();
  await sent.getByRole('link', { name: 'Ouvrir la conversation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Avec Awa Diop' })).toBeVisible();
  const moussaMessages = page.getByRole('list', { name: 'Messages' });
  await expect(moussaMessages.getByRole('listitem').first()).toContainText('Awa Diop');
  await expect(moussaMessages.getByRole('listitem').first()).toContainText('venez nous voir jeudi');
  await page.getByLabel('Votre message').fill('Avec plaisir, à jeudi !');
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await expect(moussaMessages.getByRole('listitem').last()).toContainText('Avec plaisir, à jeudi !');

  // Awa's open conversation picks the answer up by itself (it looks every 15 seconds).
  await expect(awaMessages.getByRole('listitem').last()).toContainText('Avec plaisir, à jeudi !', { timeout: 25_000 });
  await expect(awaMessages.getByRole('listitem').last()).toContainText('Moussa Ndiaye');

  // The conversation list shows it, read.
  await awaPage.getByRole('link', { name: 'Toutes mes conversations' }).click();
  await expect(awaPage.getByRole('list', { name: 'Mes conversations' }).getByRole('link', { name: 'Avec Moussa Ndiaye' })).toBeVisible();
  await awaContext.close();
});
