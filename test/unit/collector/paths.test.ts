import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR, DIST_DIR, findRoot, ROOT_DIR } from '../../../src/collector/paths.js';

const root = resolve(import.meta.dirname, '../../..');

describe('paths', () => {
  it('finds the project root from the source and from the bundle folders', () => {
    expect(ROOT_DIR).toBe(root);
    expect(DIST_DIR).toBe(resolve(root, 'dist'));
    expect(DEMO_DIR).toBe(resolve(root, 'demo'));
    expect(findRoot(resolve(root, 'dist/collector/assets'))).toBe(root);
    expect(findRoot(resolve(root, 'dist/collector'))).toBe(root);
  });
});
