import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuid } from '../../../../src/client/lib/uuid.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('uuid', () => {
  it('makes v4 UUIDs from getRandomValues', () => {
    const spy = vi.spyOn(crypto, 'getRandomValues');
    expect(uuid()).toMatch(V4);
    expect(spy).toHaveBeenCalledOnce();
  });

  it('works outside secure contexts, where randomUUID is missing', () => {
    // Outside secure contexts `randomUUID` is missing altogether.
    const real = crypto;
    vi.stubGlobal('crypto', {
      getRandomValues: <T extends ArrayBufferView>(a: T) => real.getRandomValues(a),
    });
    const ids = new Set(Array.from({ length: 200 }, uuid));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(V4);
  });
});
