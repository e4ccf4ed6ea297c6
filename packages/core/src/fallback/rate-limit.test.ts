import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit.js';

describe('TokenBucket', () => {
  it('lets half a second of the rate go at once, then makes reads wait their share', () => {
    const bucket = new TokenBucket(1000, 0);
    bucket.take(500, 0);
    expect(bucket.delay(0)).toBe(0);
    bucket.take(1000, 0);
    expect(bucket.delay(0)).toBe(1000);
    expect(bucket.delay(400)).toBe(600);
    expect(bucket.delay(1000)).toBe(0);
  });

  it('holds the average over many reads larger than the burst', () => {
    const bucket = new TokenBucket(100, 0);
    let now = 0;
    for (let read = 0; read < 10; read++) {
      now += bucket.delay(now);
      bucket.take(250, now);
    }
    now += bucket.delay(now);
    // 2500 bytes at 100 a second, less the 50 the bucket held at the start.
    expect(now).toBe(24_500);
  });

  it('never saves more than its burst, however long it is idle', () => {
    const bucket = new TokenBucket(1000, 0);
    bucket.take(1500, 60_000);
    expect(bucket.delay(60_000)).toBe(1000);
  });

  it('pays an existing debt back at a new rate', () => {
    const bucket = new TokenBucket(1000, 0);
    bucket.take(2500, 0);
    expect(bucket.delay(0)).toBe(2000);
    bucket.setRate(4000, 0);
    expect(bucket.delay(0)).toBe(500);
    bucket.setRate(500, 250);
    // 2000 owed, 1000 paid back in the 250 ms at 4000 a second; the rest at 500 a second.
    expect(bucket.delay(250)).toBe(2000);
  });

  it('drops savings above a lower rate’s burst', () => {
    const bucket = new TokenBucket(1000, 0);
    bucket.setRate(100, 0);
    bucket.take(100, 0);
    expect(bucket.delay(0)).toBe(500);
  });

  it('does not count a clock that steps back', () => {
    const bucket = new TokenBucket(1000, 1000);
    bucket.take(1500, 1000);
    expect(bucket.delay(500)).toBe(1000);
  });
});
