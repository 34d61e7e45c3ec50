// @ts-check
// The TypeScript client's journey (scripts/clients/run.sh): types generated from openapi.yaml
// by openapi-typescript (./schema.d.ts), requests made with openapi-fetch, checked by
// `tsc --noEmit` before they run. docs/integrations.md shows this code.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import createClient from 'openapi-fetch';

/** @typedef {import('./schema.js').paths} paths */
/** @typedef {import('openapi-fetch').Client<paths>} Marcottage */

const baseUrl = /** @type {string} */ (process.env.MARCOTTAGE_URL);
const run = Date.now().toString(36);

/** @type {Marcottage} */
const api = createClient({ baseUrl });

/** The member opening the e-mail (scripts/clients/mailbox.py reads the server's outbox). */
function tokenFromMail(/** @type {string} */ address) {
  const mailbox = /** @type {string} */ (process.env.MARCOTTAGE_MAILBOX);
  return execFileSync('python3', [mailbox, address, 'verify-email'], { encoding: 'utf8' }).trim();
}

// --- Register, confirm the address, sign in -------------------------------------------------
/** @returns {Promise<Marcottage>} a client that acts as the new member */
async function signUp(/** @type {string} */ email, /** @type {string} */ displayName) {
  const password = 'mangues de Casamance 2026';
  const registered = await api.POST('/api/v1/auth/register', {
    body: { email, password, display_name: displayName, locale: 'fr' },
  });
  assert.equal(registered.response.status, 202, JSON.stringify(registered.error));

  const verified = await api.POST('/api/v1/auth/verify-email', { body: { token: tokenFromMail(email) } });
  assert.equal(verified.response.status, 204, JSON.stringify(verified.error));

  const { data: tokens, error } = await api.POST('/api/v1/auth/login', { body: { email, password } });
  assert.ok(tokens, JSON.stringify(error));
  assert.equal(tokens.token_type, 'Bearer');
  /** @type {Marcottage} */
  const member = createClient({ baseUrl, headers: { Authorization: `Bearer ${tokens.access_token}` } });
  return member;
}

const awa = await signUp(`awa.${run}@example.sn`, 'Awa Diop');
const moussa = await signUp(`moussa.${run}@example.fr`, 'Moussa Sarr');

// --- Publish an opportunity -----------------------------------------------------------------
const { data: request, error: refused } = await awa.POST('/api/v1/opportunities', {
  params: { header: { 'Idempotency-Key': `journey-${run}-request` } },
  body: {
    direction: 'request',
    category: 'technical_partnership',
    title: 'Partenaire technique pour une unité de séchage de mangues',
    description: 'Nous cherchons qui maîtrise le séchage solaire pour former 40 productrices à Bignona.',
    sectors: ['32161'],
    skills: ['séchage', 'énergie solaire'],
    country: 'SN',
    city: 'Bignona',
  },
});
assert.ok(request, JSON.stringify(refused));
assert.equal(request.status, 'open');
assert.equal(request.country, 'SN');

// Moussa offers what Awa looks for.
const { data: offer } = await moussa.POST('/api/v1/opportunities', {
  body: {
    direction: 'offer',
    category: 'technical_partnership',
    title: 'Ingénieur en séchage solaire disponible pour la Casamance',
    description: 'Je dimensionne des séchoirs solaires et forme les équipes, en français ou en wolof.',
    sectors: ['32161'],
    skills: ['séchage', 'énergie solaire'],
    country: 'SN',
    remote: true,
  },
});
assert.ok(offer);

// --- Read matches ---------------------------------------------------------------------------
const { data: matches } = await awa.GET('/api/v1/opportunities/{id}/matches', {
  params: { path: { id: request.id }, query: { limit: 5 } },
});
assert.ok(matches);
const match = matches.items.find((item) => item.opportunity.id === offer.id);
assert.ok(match, 'the complementary offer is among the matches');
assert.ok(match.score > 0 && match.score <= 1);
assert.ok(match.reasons.length > 0);

// --- Express interest, and the owner sees it --------------------------------------------------
const { data: interest, error: notSent } = await moussa.POST('/api/v1/interests', {
  body: {
    target: { kind: 'opportunity', id: request.id },
    message: 'Bonjour Awa, je peux venir à Bignona en mars ; parlons-en.',
  },
});
assert.ok(interest, JSON.stringify(notSent));
assert.equal(interest.status, 'pending');

const { data: received } = await awa.GET('/api/v1/interests', { params: { query: { box: 'received' } } });
assert.ok(received);
assert.ok(received.items.some((item) => item.id === interest.id));

// The owner is notified; the payload's type follows its kind.
const { data: notifications } = await awa.GET('/api/v1/notifications');
assert.ok(notifications);
const notice = notifications.items.find((item) => item.kind === 'interest_received');
assert.ok(notice && notice.kind === 'interest_received');
assert.equal(notice.payload.interest_id, interest.id);

console.log('typescript client: journey complete');
