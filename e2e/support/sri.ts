import { createHash } from 'node:crypto';

/** SRI metadata (`<algorithm>-<base64>`) for the body the media server sends at `url`, hashed in the test process. */
export async function sriOf(url: string, algorithm: 'sha256' | 'sha384' | 'sha512'): Promise<string> {
  const body = Buffer.from(await (await fetch(url)).arrayBuffer());
  return `${algorithm}-${createHash(algorithm).update(body).digest('base64')}`;
}
