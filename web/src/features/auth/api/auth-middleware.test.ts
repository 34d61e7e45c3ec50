import createClient from 'openapi-fetch';
import { vi } from 'vitest';
import type { paths } from '@/lib/api/schema';
import { createAuthMiddleware } from './auth-middleware';
import { REFRESH_TOKEN_KEY, Session, type TokenPair } from './session';

const profile = {
  id: '01890000-0000-7000-8000-000000000001',
  email: 'awa.diop@example.sn',
  email_verified: true,
  display_name: 'Awa Diop',
  locale: 'fr',
  role: 'member',
  skills: [],
  sectors: [],
  countries: [],
  languages: [],
  version: 1,
  created_at: '2026-11-26T10:00:00Z',
  updated_at: '2026-11-26T10:00:00Z',
};

function pair(access: string, refresh: string): TokenPair {
  return { access_token: access, token_type: 'Bearer', expires_in: 900, refresh_token: refresh, refresh_expires_in: 2_592_000 };
}

const unauthenticated = () =>
  Response.json(
    { type: 'urn:marcottage:problem:unauthenticated', title: 'Unauthorized', status: 401, code: 'unauthenticated' },
    { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
  );

/** A resolvable promise, to hold the refresh open while other requests arrive. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The API: accepts only `validToken`; records the Authorization header of every call. */
function mockApi(validToken: () => string) {
  const seen: Array<{ path: string; authorization: string | null; body: string }> = [];
  const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    const authorization = request.headers.get('Authorization');
    seen.push({ path: new URL(request.url).pathname, authorization, body: await request.text() });
    return authorization === `Bearer ${validToken()}` ? Response.json(profile) : unauthenticated();
  });
  return { seen, fetchSpy };
}

function setUp(refresh: (token: string) => Promise<TokenPair | null>) {
  const session = new Session({ refresh, storage: window.localStorage });
  const client = createClient<paths>({ baseUrl: 'http://localhost:5173', fetch: (r) => globalThis.fetch(r) });
  client.use(createAuthMiddleware(session));
  return { session, client };
}

describe('the auth middleware', () => {
  it('answers two concurrent 401s with one refresh and replays both requests', async () => {
    const { seen } = mockApi(() => 'access-1');
    const refreshed = deferred<TokenPair>();
    const refresh = vi.fn(() => refreshed.promise);
    const { session, client } = setUp(refresh);
    session.start(pair('access-0', 'refresh-0')); // the server no longer accepts access-0

    const first = client.GET('/api/v1/me');
    const second = client.PATCH('/api/v1/me', { body: { display_name: 'Awa' }, params: { header: { 'If-Match': '"1"' } } });
    // Both are rejected before the refresh answers: they must share it.
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(1));
    refreshed.resolve(pair('access-1', 'refresh-1'));

    const [a, b] = await Promise.all([first, second]);
    expect(a.data?.display_name).toBe('Awa Diop');
    expect(b.data?.display_name).toBe('Awa Diop');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith('refresh-0');
    expect(seen.map((call) => call.authorization)).toEqual([
      'Bearer access-0',
      'Bearer access-0',
      'Bearer access-1',
      'Bearer access-1',
    ]);
    // The replayed PATCH still carries its body.
    expect(seen.filter((call) => call.body !== '').map((call) => call.body)).toEqual([
      '{"display_name":"Awa"}',
      '{"display_name":"Awa"}',
    ]);
    expect(window.localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
  });

  it('does not refresh again for a 401 that arrives after another request renewed the session', async () => {
    const { seen } = mockApi(() => 'access-1');
    const refresh = vi.fn(async () => pair('access-1', 'refresh-1'));
    const { session, client } = setUp(refresh);
    session.start(pair('access-0', 'refresh-0'));

    await client.GET('/api/v1/me');
    // A request sent with access-0 before the renewal, answered after it.
    expect(await session.renewAfterRejection('access-0')).toBe('access-1');

    expect(refresh).toHaveBeenCalledTimes(1);
    expect(seen).toHaveLength(2);
  });

  it('ends the session and lets the 401 through when the refresh is refused', async () => {
    mockApi(() => 'never');
    const refresh = vi.fn(async () => null);
    const { session, client } = setUp(refresh);
    session.start(pair('access-0', 'refresh-0'));

    const [a, b] = await Promise.all([client.GET('/api/v1/me'), client.GET('/api/v1/me')]);

    expect(a.response.status).toBe(401);
    expect(b.response.status).toBe(401);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(session.getSnapshot()).toEqual({ status: 'anonymous', ended: 'expired' });
    expect(window.localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('after a reload, renews the session before the first request instead of waiting for a 401', async () => {
    window.localStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-0');
    const { seen } = mockApi(() => 'access-1');
    const refresh = vi.fn(async () => pair('access-1', 'refresh-1'));
    const { client } = setUp(refresh);

    const [a, b] = await Promise.all([client.GET('/api/v1/me'), client.GET('/api/v1/me')]);

    expect(a.data && b.data).toBeTruthy();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(seen.map((call) => call.authorization)).toEqual(['Bearer access-1', 'Bearer access-1']);
  });

  it('neither sends a token to nor refreshes after the credential operations', async () => {
    const { seen } = mockApi(() => 'access-0');
    const refresh = vi.fn(async () => pair('access-1', 'refresh-1'));
    const { session, client } = setUp(refresh);
    session.start(pair('access-0', 'refresh-0'));

    const result = await client.POST('/api/v1/auth/login', { body: { email: 'awa.diop@example.sn', password: 'wrong' } });

    expect(result.response.status).toBe(401);
    expect(seen[0]?.authorization).toBeNull();
    expect(refresh).not.toHaveBeenCalled();
    expect(session.isAuthenticated).toBe(true);
  });

  it('sends no token when nobody is logged in', async () => {
    const { seen } = mockApi(() => 'access-0');
    const refresh = vi.fn(async () => null);
    const { client } = setUp(refresh);

    await client.GET('/api/v1/taxonomies/{taxonomy}', { params: { path: { taxonomy: 'countries' } } });

    expect(seen[0]?.authorization).toBeNull();
    expect(refresh).not.toHaveBeenCalled();
  });
});
