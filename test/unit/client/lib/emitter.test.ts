import { describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../../../../src/client/lib/emitter.js';

describe('createEmitter', () => {
  it('delivers to listeners of that type until they unsubscribe', () => {
    const events = createEmitter<{ a: number; b: string }>();
    const a = vi.fn();
    const b = vi.fn();
    const off = events.on('a', a);
    events.on('b', b);
    events.emit('a', 1);
    off();
    off(); // twice is harmless
    events.emit('a', 2);
    expect(a.mock.calls).toEqual([[1]]);
    expect(b).not.toHaveBeenCalled();
  });

  it('does not skip a listener when another unsubscribes while running', () => {
    const events = createEmitter<{ a: number }>();
    const second = vi.fn();
    const off = events.on('a', () => off());
    events.on('a', second);
    events.emit('a', 1);
    expect(second).toHaveBeenCalledOnce();
  });
});
