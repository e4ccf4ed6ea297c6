import { parseArgs } from 'node:util';
import { startMediaServer } from './server';

/** `tsx e2e/server/cli.ts [--port N] [--app DIR]`: the media server on its own, with DIR (if any) mounted at `/`. */

const { values } = parseArgs({ options: { port: { type: 'string' }, app: { type: 'string' } } });
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`bad --port ${values.port}`);
  process.exit(2);
}
const server = await startMediaServer({ port, static: values.app ? { '/': values.app } : {} });
console.log(`bgfetch media server: ${server.origin}/`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
