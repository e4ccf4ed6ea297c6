import { describe, expect, it } from 'vitest';
import { defaultLabels, mergeLabels } from './labels.js';

describe('mergeLabels', () => {
  it('merges every table entry by entry and replaces the other labels whole', () => {
    const queued = (position: number) => `En file (${position})`;
    const merged = mergeLabels(defaultLabels, {
      status: { paused: 'En pause' },
      pauseReason: { 'metered-network': 'Réseau limité' },
      priority: { high: 'Haute' },
      storedState: { missing: 'Disparu' },
      queued,
      download: 'Télécharger',
    });
    expect(merged.status).toEqual({ ...defaultLabels.status, paused: 'En pause' });
    expect(merged.pauseReason).toEqual({ 'metered-network': 'Réseau limité' });
    expect(merged.priority).toEqual({ high: 'Haute', normal: 'Normal priority', low: 'Low priority' });
    expect(merged.storedState).toEqual({ ...defaultLabels.storedState, missing: 'Disparu' });
    expect(merged.failure).toEqual(defaultLabels.failure);
    expect(merged.queued).toBe(queued);
    expect(merged.download).toBe('Télécharger');
    expect(merged.cancel).toBe('Cancel');
    expect(defaultLabels.status.paused).toBe('Paused');
  });

  it('gives the base itself when there is nothing to merge', () => {
    expect(mergeLabels(defaultLabels, undefined)).toBe(defaultLabels);
  });
});
