import { describe, expect, it } from 'vitest';
import type { EngineCapabilities } from './engine.js';
import { unhonoured } from './honoured-options.js';
import { NO_CAPABILITIES } from './store.js';

const able: EngineCapabilities = { ...NO_CAPABILITIES, bandwidthCap: true, networkPolicy: true };

describe('unhonoured', () => {
  it('names what an engine cannot do of the options', () => {
    expect(unhonoured(NO_CAPABILITIES, { maxBytesPerSecond: 1000 })).toBe('cap the bandwidth');
    expect(unhonoured(NO_CAPABILITIES, { network: 'unmetered' })).toBe('tell a metered network');
  });

  it('is undefined when the engine can, or nothing was asked', () => {
    expect(unhonoured(able, { maxBytesPerSecond: 1000, network: 'unmetered' })).toBeUndefined();
    expect(unhonoured(NO_CAPABILITIES, {})).toBeUndefined();
  });
});
