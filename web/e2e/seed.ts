import { linkIn, waitForMail } from './mailbox';

/**
 * Data for the journeys, made through the API from Node with `fetch`, as a partner site would:
 * the e2e server starts on an empty database.
 */
export interface Member {
  name: string;
  email: string;
  password: string;
  token: string;
}

async function call<T>(baseURL: string, path: string, init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<T> {
  const response = await fetch(`${baseURL}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`e2e seed: ${path} answered ${response.status}: ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Registers a member, confirms the address with the token from the real e-mail, and logs in. */
export async function registerMember(baseURL: string, name: string, email: string, password: string): Promise<Member> {
  await call(baseURL, '/api/v1/auth/register', { body: { display_name: name, email, password, locale: 'fr' } });
  const mail = await waitForMail(email, /Confirmez votre adresse e-mail/);
  const token = new URL(linkIn(mail, `${baseURL}/verify-email?token=`)).searchParams.get('token');
  await call(baseURL, '/api/v1/auth/verify-email', { body: { token } });
  const pair = await call<{ access_token: string }>(baseURL, '/api/v1/auth/login', { body: { email, password } });
  return { name, email, password, token: pair.access_token };
}

export async function createProject(baseURL: string, member: Member, project: Record<string, unknown>): Promise<{ id: string; title: string }> {
  return call(baseURL, '/api/v1/projects', {
    body: { status: 'published', ...project },
    token: member.token,
    headers: { 'Idempotency-Key': crypto.randomUUID() },
  });
}

export async function createOpportunity(baseURL: string, member: Member, opportunity: Record<string, unknown>): Promise<{ id: string; title: string }> {
  return call(baseURL, '/api/v1/opportunities', {
    body: opportunity,
    token: member.token,
    headers: { 'Idempotency-Key': crypto.randomUUID() },
  });
}

/** Changes an opportunity as its author would from another device, so that the version read in the page goes stale. */
export async function changeOpportunity(baseURL: string, member: Member, id: string, changes: Record<string, unknown>): Promise<void> {
  const current = await fetch(`${baseURL}/api/v1/opportunities/${id}`, { headers: { Authorization: `Bearer ${member.token}` } });
  if (!current.ok) throw new Error(`e2e seed: GET opportunity answered ${current.status}`);
  await call(baseURL, `/api/v1/opportunities/${id}`, {
    method: 'PATCH',
    body: changes,
    token: member.token,
    headers: { 'If-Match': current.headers.get('ETag') ?? '' },
  });
}

/** Creates an organisation owned by `member`. */
export async function createOrganisation(baseURL: string, member: Member, organisation: Record<string, unknown>): Promise<{ id: string; name: string }> {
  return call(baseURL, '/api/v1/organisations', {
    body: organisation,
    token: member.token,
    headers: { 'Idempotency-Key': crypto.randomUUID() },
  });
}
