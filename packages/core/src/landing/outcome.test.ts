import { describe, expect, it } from 'vitest';
import { type RecordOutcome, verdictOf } from './outcome.js';

const ok: RecordOutcome = { url: 'https://a.test/a', method: 'GET', status: 200, bytes: 3, stored: true };
const with_ = (problem: RecordOutcome['problem']): RecordOutcome => ({ ...ok, stored: false, problem });

describe('verdictOf', () => {
  it('says success only when every record verified', () => {
    expect(verdictOf('success', '', [ok, ok])).toEqual({ result: 'success', failureReason: '' });
  });

  it('turns a native success with a cut or wrong record into fetch-error', () => {
    expect(verdictOf('success', '', [ok, with_('length-mismatch')])).toEqual({
      result: 'failure',
      failureReason: 'fetch-error',
    });
    expect(verdictOf('success', '', [with_('integrity-mismatch')]).failureReason).toBe('fetch-error');
    expect(verdictOf('success', '', [with_('bad-status')]).failureReason).toBe('bad-status');
    expect(verdictOf('success', '', [with_('quota-exceeded'), with_('length-mismatch')]).failureReason).toBe(
      'quota-exceeded',
    );
  });

  it('keeps the browser reason of a failed fetch, and says aborted for an abort', () => {
    expect(verdictOf('fail', 'bad-status', [ok, with_('bad-status')])).toEqual({
      result: 'failure',
      failureReason: 'bad-status',
    });
    expect(verdictOf('fail', '', [])).toEqual({ result: 'failure', failureReason: 'fetch-error' });
    expect(verdictOf('abort', '', [])).toEqual({ result: 'failure', failureReason: 'aborted' });
  });
});
