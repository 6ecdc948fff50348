import { describe, expect, it } from 'vitest';
import { h } from '../../../src/dashboard/lib/dom.js';
import { formatChange, formatVital } from '../../../src/dashboard/lib/format.js';

describe('h()', () => {
  it('puts strings in as text, never markup', () => {
    const el = h('td', { title: '"><svg onload=alert(1)>' }, '<img src=x onerror=alert(1)>');
    expect(el.childElementCount).toBe(0);
    expect(el.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(el.getAttribute('title')).toBe('"><svg onload=alert(1)>');
  });

  it('refuses style and event-handler attributes (the CSP would block them; handlers are code)', () => {
    expect(() => h('div', { style: 'color:red' })).toThrow(/style/);
    expect(() => h('div', { onclick: 'x()' })).toThrow(/onclick/);
  });
});

describe('formatting', () => {
  it('says the change in words, rates in points', () => {
    expect(formatChange(12, 10)).toBe('+20% vs previous');
    expect(formatChange(9, 10)).toBe('−10% vs previous');
    expect(formatChange(5, 0)).toBe('new vs previous');
    expect(formatChange(0.4, 0.5, true)).toBe('−10 pts vs previous');
    expect(formatChange(3, 3)).toBe('no change');
  });

  it('shows vitals in their units', () => {
    expect(formatVital('CLS', 0.123)).toBe('0.12');
    expect(formatVital('LCP', 2500)).toBe('2.50 s');
    expect(formatVital('INP', 180.4)).toBe('180 ms');
  });
});
