import type { components } from '@/lib/api/schema';

export type TokenPair = components['schemas']['TokenPair'];

/**
 * Why a session ended: the member logged out (here or in another tab), the server refused to
 * renew it (expired, revoked, suspended), or the account was deleted.
 */
export type SessionEnd = 'logout' | 'expired' | 'deleted';

export interface SessionSnapshot {
  status: 'anonymous' | 'authenticated';
  /** How the last session ended, while nobody is logged in; `null` otherwise. */
  ended: SessionEnd | null;
}

export interface SessionOptions {
  /**
   * Exchanges a refresh token for a new pair. Resolves to `null` when the server refuses the
   * token (the session is over); throws when the server could not be asked (network, 5xx).
   */
  refresh: (refreshToken: string) => Promise<TokenPair | null>;
  /** Where the refresh token outlives a reload; `null` keeps it in memory only. */
  storage?: Storage | null;
  /** Serialises refreshes across tabs, which share the stored refresh token. */
  locks?: LockManager | null;
  now?: () => number;
}

export const REFRESH_TOKEN_KEY = 'marcottage.refresh';
const LOCK_NAME = 'marcottage.refresh';
/** Renew this long before the access token expires, so that a request never races its expiry. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * The member's session: the access token lives in memory only, the refresh token in storage so
 * that a reload keeps the member logged in.
 *
 * Every refresh token works once and presenting it twice ends the session on the server, so at
 * most one refresh is in flight: concurrent callers share it, and tabs take turns through a Web
 * Lock and read the newest token from storage when their turn comes.
 */
export class Session {
  readonly #refresh: SessionOptions['refresh'];
  readonly #storage: Storage | null;
  readonly #locks: LockManager | null;
  readonly #now: () => number;
  readonly #listeners = new Set<() => void>();
  #access: { token: string; expiresAt: number } | null = null;
  /** The refresh token, also kept here for when storage refuses it (private browsing). */
  #memoryRefreshToken: string | null = null;
  #storageWorks = true;
  #refreshing: Promise<string | null> | null = null;
  #snapshot: SessionSnapshot;

  constructor(options: SessionOptions) {
    this.#refresh = options.refresh;
    this.#storage = options.storage ?? null;
    this.#locks = options.locks ?? null;
    this.#now = options.now ?? Date.now;
    this.#snapshot = { status: this.refreshToken() ? 'authenticated' : 'anonymous', ended: null };
  }

  /** For `useSyncExternalStore`: the same object until the status changes. */
  getSnapshot = (): SessionSnapshot => this.#snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  get isAuthenticated(): boolean {
    return this.#snapshot.status === 'authenticated';
  }

  /** The current refresh token, read from storage so that another tab's rotation is seen. */
  refreshToken(): string | null {
    if (this.#storage && this.#storageWorks) {
      try {
        return this.#storage.getItem(REFRESH_TOKEN_KEY);
      } catch {
        this.#storageWorks = false;
      }
    }
    return this.#memoryRefreshToken;
  }

  /** Starts a session (after login) or continues it (after a refresh) with a new pair. */
  start(pair: TokenPair): void {
    this.#access = { token: pair.access_token, expiresAt: this.#now() + pair.expires_in * 1000 };
    this.#writeRefreshToken(pair.refresh_token);
    this.#setSnapshot({ status: 'authenticated', ended: null });
  }

  /** Forgets the tokens. The server side (logout, deletion) is the caller's business. */
  end(reason: SessionEnd): void {
    this.#access = null;
    this.#writeRefreshToken(null);
    this.#setSnapshot({ status: 'anonymous', ended: reason });
  }

  /**
   * A usable access token: the one in memory while it is fresh, else a new one from a refresh
   * (after a reload, or near expiry). `null` when there is no session or it could not be renewed.
   */
  async accessToken(): Promise<string | null> {
    if (!this.isAuthenticated) return null;
    if (this.#access && this.#access.expiresAt - EXPIRY_MARGIN_MS > this.#now()) return this.#access.token;
    return this.renew();
  }

  /**
   * A new access token after the server refused `rejected`. When another request has already
   * renewed the session since `rejected` was sent, that newer token is the answer, without a
   * second refresh.
   */
  async renewAfterRejection(rejected: string): Promise<string | null> {
    if (this.#access && this.#access.token !== rejected) return this.#access.token;
    return this.renew();
  }

  /** Refreshes the session; concurrent calls share one request. */
  renew(): Promise<string | null> {
    this.#refreshing ??= this.#runExclusively(() => this.#refreshOnce()).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  /**
   * Follows logins and logouts made in other tabs of the same browser (the `storage` event
   * fires in every tab but the one that wrote).
   */
  followOtherTabs(target: Window): () => void {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== REFRESH_TOKEN_KEY && event.key !== null) return;
      const token = this.refreshToken();
      if (!token && this.isAuthenticated) {
        this.#access = null;
        this.#memoryRefreshToken = null;
        this.#setSnapshot({ status: 'anonymous', ended: 'logout' });
      } else if (token && !this.isAuthenticated) {
        this.#setSnapshot({ status: 'authenticated', ended: null });
      }
    };
    target.addEventListener('storage', onStorage);
    return () => target.removeEventListener('storage', onStorage);
  }

  async #refreshOnce(): Promise<string | null> {
    const token = this.refreshToken();
    if (!token) {
      if (this.isAuthenticated) this.end('expired');
      return null;
    }
    const pair = await this.#refresh(token);
    if (!pair) {
      // Only end the session that was refused: a login during the request started another one.
      if (this.refreshToken() === token) this.end('expired');
      return null;
    }
    // A logout while the refresh was in flight wins over its answer.
    if (this.refreshToken() !== token) return null;
    this.start(pair);
    return pair.access_token;
  }

  async #runExclusively<T>(task: () => Promise<T>): Promise<T> {
    return this.#locks ? await this.#locks.request(LOCK_NAME, task) : task();
  }

  #writeRefreshToken(token: string | null) {
    this.#memoryRefreshToken = token;
    try {
      if (token) this.#storage?.setItem(REFRESH_TOKEN_KEY, token);
      else this.#storage?.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      // Kept in memory only: the session ends with the page.
      this.#storageWorks = false;
    }
  }

  #setSnapshot(next: SessionSnapshot) {
    if (next.status === this.#snapshot.status && next.ended === this.#snapshot.ended) return;
    this.#snapshot = next;
    for (const listener of this.#listeners) listener();
  }
}
