import { expect, it } from 'vitest';
import { forEachStore } from './backends.js';

forEachStore('Store contract: tokens', (store) => {
  const token = (name: string, hash: string, role: 'admin' | 'analyst' = 'analyst') => ({
    id: `id-${name}`,
    name,
    role,
    token_hash: hash,
    created_at: 1000,
  });

  it('finds a live token by hash, lists without hashes, refuses a taken name, and revokes', async () => {
    await store().createToken(token('ana', 'h1'));
    await store().createToken(token('ops', 'h2', 'admin'));
    expect(await store().tokenByHash('h1')).toEqual({
      id: 'id-ana',
      name: 'ana',
      role: 'analyst',
      created_at: 1000,
      revoked_at: null,
    });
    expect(await store().tokenByHash('nope')).toBeNull();
    await expect(store().createToken(token('ana', 'h3'))).rejects.toThrow(
      'a token named "ana" already exists',
    );
    const listed = await store().listTokens();
    expect(listed.map((t) => `${t.name}:${t.role}`)).toEqual(['ana:analyst', 'ops:admin']);
    expect(JSON.stringify(listed)).not.toContain('h1');
    expect(await store().revokeToken('id-ops', 2000)).toBe(true);
    expect(await store().revokeToken('ops', 3000)).toBe(false);
    expect(await store().tokenByHash('h2')).toBeNull();
    expect((await store().listTokens()).find((t) => t.name === 'ops')?.revoked_at).toBe(2000);
    // A failed create must not disturb other writes (SQLite shares one group commit).
    await store().insertEvents([]);
  });
});
