import { describe, expect, it } from 'vitest';
import { checkQuota } from './check-quota.js';

const estimate = (quota: number | undefined, usage: number) => async () => ({ quota, usage });

describe('checkQuota: conformance rule 5', () => {
  it('rejects a downloadTotal that cannot fit with QuotaExceededError naming the figures', async () => {
    const error = await checkQuota(Number.MAX_SAFE_INTEGER, estimate(10_000, 2_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'QuotaExceededError' });
    expect((error as DOMException).message).toMatch(/9007199254740991 bytes .* 8000 bytes/);
  });

  it('accepts what fits, exactly', async () => {
    await expect(checkQuota(8_000, estimate(10_000, 2_000))).resolves.toBeUndefined();
  });

  it('does not ask when no total was given, and passes where the browser cannot tell', async () => {
    let asked = false;
    const spy = async () => {
      asked = true;
      return { quota: 0, usage: 0 };
    };
    await checkQuota(0, spy);
    expect(asked).toBe(false);
    await expect(checkQuota(1, estimate(undefined, 0))).resolves.toBeUndefined();
    await expect(checkQuota(1)).resolves.toBeUndefined();
  });
});
