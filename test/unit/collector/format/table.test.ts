import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../../src/collector/format/table.js';

describe('formatTable', () => {
  it('aligns text left and numbers right under a rule', () => {
    expect(
      formatTable(
        ['page', 'pageviews'],
        [
          ['/', 1200],
          ['/pricing', 7],
        ],
      ),
    ).toBe(
      ['page      pageviews', '--------  ---------', '/              1200', '/pricing          7'].join('\n'),
    );
  });
});
