import { describe, expect, it } from 'vitest';
import { isOlderReport, runSequence } from './report-order.js';

describe('isOlderReport', () => {
  it('orders by sequence where both reports have one, whatever the clock says', () => {
    // The clock stepped back an hour between the two reports.
    const before = { sequence: runSequence(1, 7), updatedAt: 10_000_000 };
    const after = { sequence: runSequence(1, 8), updatedAt: 10_000_000 - 3_600_000 };
    expect(isOlderReport(after, before)).toBe(false);
    expect(isOlderReport(before, after)).toBe(true);
  });

  it('orders by updatedAt when a report has no sequence (native)', () => {
    expect(isOlderReport({ updatedAt: 1 }, { updatedAt: 2 })).toBe(true);
    expect(isOlderReport({ updatedAt: 2, sequence: 0 }, { updatedAt: 1 })).toBe(false);
  });
});

describe('runSequence', () => {
  it('puts every report of a later runner after every report of an earlier one', () => {
    expect(runSequence(2, 0)).toBeGreaterThan(runSequence(1, 2 ** 40));
    expect(runSequence(1, 1)).toBeGreaterThan(runSequence(1, 0));
    expect(runSequence(1, 0)).toBeGreaterThan(runSequence(0, 5));
  });
});
