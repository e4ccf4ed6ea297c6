import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveResource } from './catalog';
import { sha256Of } from './digest';
import { HttpError } from './http-error';
import { knobsFromJson } from './knobs';
import { reply, replyJson } from './reply';
import type { Scope } from './scope';
import type { ControlCommand } from './types';

/** The endpoints a test (or a page) uses to steer and inspect the server: `/__log`, `/__control`, `/__sha256`. */

/** `GET /__log/<scope>[?settled=1]`: the log; `settled` waits until no response of the scope is in flight. */
export async function sendLog(res: ServerResponse, scope: Scope, query: URLSearchParams): Promise<void> {
  const settled = query.get('settled');
  replyJson(res, 200, settled === '1' || settled === 'true' ? await scope.settled() : scope.log());
}

/** `POST /__control/<scope>` with a `ControlCommand`. */
export async function applyControl(req: IncomingMessage, res: ServerResponse, scope: Scope): Promise<void> {
  if (req.method !== 'POST') throw new HttpError(405, 'POST a ControlCommand');
  const command = parseCommand(await readJson(req));
  if ('reset' in command) scope.reset();
  else if ('bumpVersion' in command) scope.bumpVersion(command.file);
  else scope.setKnobs(command.file, command.knobs);
  replyJson(res, 200, { ok: true });
}

/**
 * `/__sha256/<name>?size=N[&version=V]`: the bare hex digest as text. The version defaults to the file's current
 * one in the scope (`/t/<scope>/__sha256/…` for a test's scope).
 */
export async function sendSha256(res: ServerResponse, scope: Scope, name: string, query: URLSearchParams) {
  const target = resolveResource(`/files/${name}`, query);
  const version = query.has('version') ? Number(query.get('version')) : scope.version(target.key);
  if (!Number.isSafeInteger(version) || version < 1)
    throw new HttpError(400, 'version must be a whole number ≥ 1');
  reply(res, 200, await sha256Of(target.at(version)));
}

function parseCommand(value: unknown): ControlCommand {
  if (typeof value === 'object' && value !== null) {
    const command = value as Record<string, unknown>;
    if (command.reset === true) return { reset: true };
    if (typeof command.file === 'string' && command.file !== '') {
      if (command.bumpVersion === true) return { file: command.file, bumpVersion: true };
      if ('knobs' in command) return { file: command.file, knobs: knobsFromJson(command.knobs) };
    }
  }
  throw new HttpError(400, 'expected {file, knobs} | {file, bumpVersion: true} | {reset: true}');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const piece of req as AsyncIterable<Buffer>) text += piece.toString();
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
}
