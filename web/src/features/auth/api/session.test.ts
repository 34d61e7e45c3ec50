import { vi } from 'vitest';
import { REFRESH_TOKEN_KEY, Session, type TokenPair } from './session';

function pair(access: string, refresh: string, expiresIn = 900): TokenPair {
  return { access_token: access, token_type: 'Bearer', expires_in: expiresIn, refresh_token: refresh, refresh_expires_in: 2_592_000 };
}

describe('Session', () => {
  it('survives a reload through the stored refresh token, not the access token', async () => {
    const first = new Session({ refresh: vi.fn(), storage: window.localStorage });
    first.start(pair('access-0', 'refresh-0'));
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('access-0');

    const refresh = vi.fn(async () => pair('access-1', 'refresh-1'));
    const reloaded = new Session({ refresh, storage: window.localStorage });

    expect(reloaded.getSnapshot()).toEqual({ status: 'authenticated', ended: null });
    expect(await reloaded.accessToken()).toBe('access-1');
    expect(refresh).toHaveBeenCalledWith('refresh-0');
    expect(window.localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
  });

  it('renews an access token that is about to expire before using it', async () => {
    let now = 0;
    const refresh = vi.fn(async () => pair('access-1', 'refresh-1'));
    const session = new Session({ refresh, storage: window.localStorage, now: () => now });
    session.start(pair('access-0', 'refresh-0', 60));

    expect(await session.accessToken()).toBe('access-0');
    now = 45_000; // 15 s left
    expect(await session.accessToken()).toBe('access-1');
  });

  it('keeps a logout made while a refresh was in flight', async () => {
    let answer!: (value: TokenPair) => void;
    const session = new Session({
      refresh: () => new Promise<TokenPair>((resolve) => (answer = resolve)),
      storage: window.localStorage,
    });
    session.start(pair('access-0', 'refresh-0'));

    const renewal = session.renew();
    session.end('logout');
    answer(pair('access-1', 'refresh-1'));

    expect(await renewal).toBeNull();
    expect(session.getSnapshot()).toEqual({ status: 'anonymous', ended: 'logout' });
    expect(window.localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('takes its turn through the Web Lock and then uses the token another tab stored', async () => {
    const session = new Session({
      refresh: async (token) => (token === 'refresh-from-other-tab' ? pair('access-2', 'refresh-2') : null),
      storage: window.localStorage,
      locks: {
        request: async (_name: string, task: () => Promise<unknown>) => {
          // Another tab held the lock and rotated the token meanwhile.
          window.localStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-from-other-tab');
          return task();
        },
      } as unknown as LockManager,
    });
    session.start(pair('access-0', 'refresh-0'));

    expect(await session.renew()).toBe('access-2');
  });

  it('follows a logout made in another tab', () => {
    const session = new Session({ refresh: vi.fn(), storage: window.localStorage });
    session.start(pair('access-0', 'refresh-0'));
    const stop = session.followOtherTabs(window);
    const listener = vi.fn();
    session.subscribe(listener);

    window.localStorage.removeItem(REFRESH_TOKEN_KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: REFRESH_TOKEN_KEY, newValue: null }));

    expect(session.getSnapshot()).toEqual({ status: 'anonymous', ended: 'logout' });
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
  });

  it('keeps the session for the page when storage refuses it', async () => {
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    } as unknown as Storage;
    const refresh = vi.fn(async () => pair('access-1', 'refresh-1'));
    const session = new Session({ refresh, storage: refusing });
    session.start(pair('access-0', 'refresh-0', 1));

    expect(await session.accessToken()).toBe('access-1');
    expect(refresh).toHaveBeenCalledWith('refresh-0');
  });
});
