import { vi } from 'vitest';
import { createIdempotencyKeys, newIdempotencyKey } from './idempotency';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.unstubAllGlobals());

describe('idempotency keys', () => {
  it('are random v4 UUIDs, also where crypto.randomUUID is missing (plain HTTP)', () => {
    expect(newIdempotencyKey()).toMatch(uuid);
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array) => real.getRandomValues(array) });
    const keys = new Set(Array.from({ length: 20 }, newIdempotencyKey));
    expect(keys.size).toBe(20);
    for (const key of keys) expect(key).toMatch(uuid);
  });

  it('stay the same while the body does, and change with it', () => {
    const keyFor = createIdempotencyKeys();
    const first = keyFor({ name: 'Teranga', country: 'SN' });
    expect(keyFor({ name: 'Teranga', country: 'SN' })).toBe(first);
    const second = keyFor({ name: 'Teranga Lyon', country: 'SN' });
    expect(second).not.toBe(first);
    expect(keyFor({ name: 'Teranga', country: 'SN' })).not.toBe(first);
  });
});
