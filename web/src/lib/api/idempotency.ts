/**
 * A random UUID (v4) for an `Idempotency-Key` header. `crypto.randomUUID` exists only on secure
 * origins (HTTPS, localhost); `getRandomValues` everywhere, so a test server reached over plain
 * HTTP on a LAN address still gets a key.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Keys for the submissions of one creation form. The same request body keeps its key, so that a
 * double tap or a retry after a lost answer replays the first creation instead of making a second;
 * a changed body gets a fresh key, since the API refuses a key reused for a different request.
 */
export function createIdempotencyKeys(): (body: unknown) => string {
  let last: { body: string; key: string } | null = null;
  return (body) => {
    const serialised = JSON.stringify(body);
    if (last?.body !== serialised) last = { body: serialised, key: newIdempotencyKey() };
    return last.key;
  };
}
