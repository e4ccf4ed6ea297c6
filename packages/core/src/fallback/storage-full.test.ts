import { describe, expect, it } from 'vitest';
import { isQuotaError, isStuck } from './storage-full.js';

describe('isQuotaError', () => {
  it('knows each engine’s way of saying "full"', () => {
    // Chromium and WebKit: a DOMException.
    expect(isQuotaError(new DOMException('Quota exceeded.', 'QuotaExceededError'))).toBe(true);
    // Firefox: an XPCOM exception, no DOMException, no code.
    expect(isQuotaError({ name: 'NS_ERROR_FILE_NO_DEVICE_SPACE', message: '' })).toBe(true);
    // The legacy code, whatever the name.
    expect(isQuotaError({ name: 'Error', code: 22 })).toBe(true);
  });
  it('leaves other failures alone', () => {
    expect(isQuotaError(new TypeError('network error'))).toBe(false);
    expect(isQuotaError(new DOMException('gone', 'AbortError'))).toBe(false);
    expect(isQuotaError({ name: 'NS_ERROR_FAILURE' })).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('isStuck', () => {
  it('counts only time the write had bytes and took none', () => {
    expect(isStuck({ waiting: false, at: 1000 }, 2999, 2000)).toBe(false);
    expect(isStuck({ waiting: false, at: 1000 }, 3000, 2000)).toBe(true);
    // Waiting on the network is the stall watchdog's business, never "stuck storage".
    expect(isStuck({ waiting: true, at: 1000 }, 60_000, 2000)).toBe(false);
  });
});
