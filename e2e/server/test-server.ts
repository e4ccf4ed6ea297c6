import { createHash } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { startMediaServer } from './server';
import type { MediaServer, MediaServerOptions, TestScope } from './types';

/** For the server's own tests: one server per test file, and a fresh scope per test. */
export function useMediaServer(options?: () => MediaServerOptions) {
  let server: MediaServer | undefined;
  let scopes = 0;
  beforeAll(async () => {
    server = await startMediaServer(options?.());
  });
  afterAll(() => server?.close());
  return {
    get origin(): string {
      return server!.origin;
    },
    freshScope(): TestScope {
      scopes++;
      return server!.scope(`test-${scopes}`);
    },
  };
}

export async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
