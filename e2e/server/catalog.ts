import { artwork } from './artwork';
import { generatedFile } from './generated-file';
import { HttpError } from './http-error';
import type { Resource } from './resource';
import { wavAudio } from './wav';

/** Which resource a path names: `/files/<name>?size=N`, `/media/<name>.wav?seconds=N`, `/media/<name>.svg`. */

export interface ResourceTarget {
  /** The name knobs and versions are kept under in a scope: the file's name (`ep1.wav` for audio). */
  key: string;
  at(version: number): Resource;
}

const DEFAULT_SECONDS = 30;
/** Keeps a WAV's sizes within its 32-bit header fields. */
const MAX_SECONDS = 4 * 3600;

const RESOURCE_PATH = /^\/(files|media)\/(.+)$/;

/** Whether `route` (a path without its `/t/<scope>` prefix) is one the server generates rather than a static file. */
export function isResourcePath(route: string): boolean {
  return RESOURCE_PATH.test(route);
}

/** The target of a resource path (see `isResourcePath`); a bad name or parameter is an `HttpError`. */
export function resolveResource(route: string, query: URLSearchParams): ResourceTarget {
  const match = RESOURCE_PATH.exec(route);
  if (!match) throw new HttpError(404, `no resource at ${route}`);
  const [, folder, encoded = ''] = match;
  const name = decodePath(encoded);
  if (folder === 'files') {
    const size = numberParam(query, 'size', undefined, (n) => Number.isSafeInteger(n) && n >= 0);
    return { key: name, at: (version) => generatedFile(name, size, version) };
  }
  const media = /^(.+)\.(wav|svg)$/.exec(name);
  if (!media) throw new HttpError(404, `no media ${name}: ask for <name>.wav or <name>.svg`);
  const [, stem = ''] = media;
  if (media[2] === 'svg') return { key: name, at: (version) => artwork(stem, version) };
  const seconds = numberParam(query, 'seconds', DEFAULT_SECONDS, (n) => n > 0 && n <= MAX_SECONDS);
  return { key: name, at: (version) => wavAudio(stem, seconds, version) };
}

export function decodePath(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new HttpError(400, `bad percent-encoding in ${encoded}`);
  }
}

function numberParam(
  query: URLSearchParams,
  name: string,
  fallback: number | undefined,
  valid: (n: number) => boolean,
): number {
  const text = query.get(name);
  if (text === null && fallback !== undefined) return fallback;
  const value = Number(text ?? Number.NaN);
  if (text === '' || !valid(value)) throw new HttpError(400, `bad or missing ${name}: ${text}`);
  return value;
}
