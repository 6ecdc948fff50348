import { describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../../../../src/client/lib/emitter.js';

describe('createEmitter', () => {
  it('delivers to listeners until they unsubscribe', () => {
    const events = createEmitter<number>();
    const a = vi.fn();
    const b = vi.fn();
    const off = events.on(a);
    events.on(b);
    events.emit(1);
    off();
    off(); // twice is harmless
    events.emit(2);
    expect(a.mock.calls).toEqual([[1]]);
    expect(b.mock.calls).toEqual([[1], [2]]);
  });

  it('does not skip a listener when another unsubscribes while running', () => {
    const events = createEmitter<number>();
    const second = vi.fn();
    const off = events.on(() => off());
    events.on(second);
    events.emit(1);
    expect(second).toHaveBeenCalledOnce();
  });

  it('keeps delivering when one listener throws', () => {
    const events = createEmitter<number>();
    const after = vi.fn();
    events.on(() => {
      throw new Error('listener bug');
    });
    events.on(after);
    events.emit(1);
    expect(after).toHaveBeenCalledWith(1);
  });
});
