import { createHash } from 'node:crypto';

/**
 * What the server can send: every generated body (files, audio, artwork) implements this, so Range, validators and
 * the fault knobs are written once, in server.ts, for all of them.
 */
export interface Resource {
  size: number;
  contentType: string;
  /** Strong: it changes whenever the bytes do (a new version), and only then. */
  etag: string;
  lastModified: Date;
  /** The bytes `start..endInclusive` (both within `0..size-1`), in pieces. */
  read(start: number, endInclusive: number): Iterable<Buffer>;
}

/** Every version of every resource is at least this recent; versions are an hour apart. */
const EPOCH = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;

/**
 * ETag and Last-Modified for the content that `identity` (kind, name and parameters) describes at `version`.
 * Derived, not stored, so a restarted server gives the same validators for the same bytes.
 */
export function validators(identity: string, version: number): Pick<Resource, 'etag' | 'lastModified'> {
  const digest = createHash('sha256').update(`${identity}@${version}`).digest('hex');
  return { etag: `"${digest.slice(0, 24)}"`, lastModified: new Date(EPOCH + version * HOUR) };
}

/** A resource whose whole body is small enough to build in memory (artwork, JSON). */
export function bufferResource(
  body: Buffer,
  contentType: string,
  meta: Pick<Resource, 'etag' | 'lastModified'>,
): Resource {
  return {
    size: body.length,
    contentType,
    ...meta,
    read: (start, endInclusive) => [body.subarray(start, endInclusive + 1)],
  };
}
