import { keyFor, keystream } from './keystream';
import { type Resource, validators } from './resource';

/** `/files/<name>?size=N`: `size` bytes that depend only on (name, size, version). */
export function generatedFile(name: string, size: number, version: number): Resource {
  const seed = `${name}:${size}:${version}`;
  const key = keyFor(seed);
  return {
    size,
    contentType: 'application/octet-stream',
    ...validators(`file:${name}:${size}`, version),
    read: (start, endInclusive) => keystream(key, start, endInclusive),
  };
}
