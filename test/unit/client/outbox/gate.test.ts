import { beforeEach, describe, expect, it } from 'vitest';
import { fresh, freshClient, resetPage } from '../helpers.js';

beforeEach(() => {
  resetPage();
});

describe('canSend', () => {
  it('refuses everything before init', async () => {
    await freshClient();
    const { canSend } = await fresh.gate();
    expect(canSend('analytics')).toBe(false);
  });

  it('refuses every category before a choice', async () => {
    const cl = await freshClient();
    const { canSend } = await fresh.gate();
    cl.init({ collector: '/c' });
    for (const cat of ['analytics', 'performance', 'marketing']) expect(canSend(cat)).toBe(false);
  });

  it('allows exactly the granted categories', async () => {
    const cl = await freshClient();
    const { canSend } = await fresh.gate();
    const { saveChoices } = await import('../../../../src/client/consent/actions.js');
    cl.init({ collector: '/c' });
    saveChoices(['performance']);
    expect(canSend('performance')).toBe(true);
    expect(canSend('analytics')).toBe(false);
    expect(canSend('marketing')).toBe(false);
    expect(canSend('unknown')).toBe(false);
    cl.acceptAll();
    expect(canSend('analytics')).toBe(true);
    cl.rejectAll();
    expect(canSend('performance')).toBe(false);
  });
});
