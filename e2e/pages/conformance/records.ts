import type { BackgroundFetchRecord, BackgroundFetchRegistration } from '@bgfetch/core';
import type { Fields, Outcome, RecordSummary, RequestInput } from './api';

/** What the page and the service worker both do with the raw API's objects. */

export function fieldsOf(registration: BackgroundFetchRegistration): Fields {
  const { id, uploadTotal, uploaded, downloadTotal, downloaded, result, failureReason, recordsAvailable } =
    registration;
  return { id, uploadTotal, uploaded, downloadTotal, downloaded, result, failureReason, recordsAvailable };
}

export function toRequestInfo(input: RequestInput): RequestInfo {
  if (typeof input === 'string') return input;
  const { url, ...init } = input;
  return new Request(url, init);
}

/** `'ok'` or the name of what `work` threw or rejected with. */
export async function outcomeOf(work: () => unknown): Promise<Outcome> {
  try {
    await work();
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.name : String(error);
  }
}

function hex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The record's request; with `read`, what `responseReady` gives, its body streamed to the end. */
export async function summarise(record: BackgroundFetchRecord, read: boolean): Promise<RecordSummary> {
  const summary: RecordSummary = { url: record.request.url, method: record.request.method };
  if (!read) return summary;
  try {
    const response = await record.responseReady;
    summary.status = response.status;
    summary.contentRange = response.headers.get('Content-Range');
    const body = await response.arrayBuffer();
    summary.bytes = body.byteLength;
    summary.sha256 = hex(await crypto.subtle.digest('SHA-256', body));
    if (response.headers.get('Content-Type')?.includes('json')) {
      summary.json = JSON.parse(new TextDecoder().decode(body));
    }
  } catch (error) {
    summary.error = error instanceof Error ? error.name : String(error);
  }
  return summary;
}

export async function summariseAll(
  records: BackgroundFetchRecord[],
  read: boolean,
): Promise<RecordSummary[]> {
  const summaries: RecordSummary[] = [];
  // One at a time: each body is held in memory while it is hashed.
  for (const record of records) summaries.push(await summarise(record, read));
  return summaries;
}
