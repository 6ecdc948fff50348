import { describe, expect, it } from 'vitest';
import { DEFAULTS, type Options, resolveConfig } from '../../../../src/client/config.js';

const base: Options = { collector: 'https://collector.example' };

describe('tracking options', () => {
  it('has documented defaults in the one frozen defaults object', () => {
    expect(resolveConfig(base)).toMatchObject({
      visitorCookie: 'cl_vid',
      visitorDays: 395,
      sessionMinutes: 30,
      hashRouting: false,
      outbound: true,
      engagement: true,
      vitals: true,
      retryBaseMs: 1000,
      flushIntervalMs: 5000,
      maxQueue: 1000,
      maxAgeHours: 168,
    });
    expect(DEFAULTS.downloads).toContain('pdf');
    expect(DEFAULTS.queryDeny).toContain('token');
  });

  it('reads data-* text as the option type (what the loader passes)', () => {
    const text = {
      ...base,
      retryBaseMs: '250',
      hashRouting: 'true',
      vitals: 'false',
      downloads: 'pdf, epub',
    } as unknown as Options;
    expect(resolveConfig(text)).toMatchObject({
      retryBaseMs: 250,
      hashRouting: true,
      vitals: false,
      downloads: ['pdf', 'epub'],
    });
  });

  it.each([
    [{ retryBaseMs: 0 }, 'retryBaseMs', 'must be a positive number'],
    [{ maxQueue: 'many' }, 'maxQueue', 'must be a positive number'],
    [{ visitorDays: 400 }, 'visitorDays', 'must be a number from 1 to 395'],
    [{ visitorCookie: 'a b' }, 'visitorCookie', 'must be a name of letters, digits, _ and -'],
    [{ queryDeny: 5 }, 'queryDeny', 'must be a list of strings'],
    [{ downloads: [1] }, 'downloads', 'must be a list of strings'],
    [{ engagement: 1 }, 'engagement', 'must be true or false'],
  ])('refuses %o, naming the option', (bad, option, problem) => {
    expect(() => resolveConfig({ ...base, ...(bad as Partial<Options>) })).toThrow(
      `consentlog: option "${option}" ${problem}`,
    );
  });
});
