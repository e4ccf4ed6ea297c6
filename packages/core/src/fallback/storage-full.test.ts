import { describe, expect, it } from 'vitest';
import { isQuotaError } from './storage-full.js';

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
