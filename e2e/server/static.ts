import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { decodePath } from './catalog';

/** The demo's and benches' own files: URL prefixes mounted on folders (`MediaServerOptions.static`). */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wav': 'audio/wav',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

interface Mount {
  /** Without a trailing slash; '' for '/'. */
  prefix: string;
  folder: string;
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;

/** A handler that serves `pathname` from the longest matching mount, and says whether it found a file. */
export function staticFiles(mounts: Record<string, string>): StaticHandler {
  const sorted: Mount[] = Object.entries(mounts)
    .map(([prefix, folder]) => ({ prefix: prefix.replace(/\/+$/, ''), folder: resolve(folder) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return async (req, res, pathname) => {
    const mount = sorted.find(({ prefix }) => pathname === prefix || pathname.startsWith(`${prefix}/`));
    if (!mount || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const relative = decodePath(pathname.slice(mount.prefix.length));
    let file = resolve(mount.folder, `.${sep}${relative}`);
    // Decoding may have produced `..` segments (`%2e%2e%2f`): whatever they resolve to must stay in the folder.
    if (relative.includes('\0') || (file !== mount.folder && !file.startsWith(mount.folder + sep))) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('outside the served folder\n');
      return true;
    }
    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        // Relative links in the index page resolve against the directory only with the slash.
        res.writeHead(301, { Location: `${pathname}/` }).end();
        return true;
      }
      file = resolve(file, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (!info?.isFile()) return false;
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-cache',
      // Lets a service worker under a subfolder (the demo's build) claim the whole origin.
      'Service-Worker-Allowed': '/',
    });
    if (req.method === 'HEAD') res.end();
    else await pipeline(createReadStream(file), res);
    return true;
  };
}
