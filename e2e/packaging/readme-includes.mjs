// README code blocks that are files of the repository, so that an example is exactly the code a test runs. The line
// before such a block names the file, whole or some of its lines:
//
//   <!-- include e2e/consumer/template/src/sw.ts -->
//   <!-- include e2e/consumer/template/src/main.tsx#L6-L7 -->
//
// readme-includes.test.mjs fails when a block differs from its file; `pnpm readme:sync` rewrites the blocks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const readmes = [
  'README.md',
  'packages/core/README.md',
  'packages/react/README.md',
  'packages/sw/README.md',
];

const block = /<!-- include (\S+?)(?:#L(\d+)-L(\d+))? -->\n(```\w*\n)([\s\S]*?)```/g;

/** The lines a marker names (all of the file without its final newline, or `from`–`to`, 1-based, inclusive). */
function included(path, from, to) {
  const lines = readFileSync(join(repoRoot, path), 'utf8').replace(/\n$/, '').split('\n');
  return (from === undefined ? lines : lines.slice(Number(from) - 1, Number(to))).join('\n');
}

/** Every include of a README: `{ path, actual, expected }`, the block's text and the file's. */
export function includesOf(readme) {
  const text = readFileSync(join(repoRoot, readme), 'utf8');
  return [...text.matchAll(block)].map(([, path, from, to, , body]) => ({
    path: from === undefined ? path : `${path}#L${from}-L${to}`,
    actual: body.replace(/\n$/, ''),
    expected: included(path, from, to),
  }));
}

/** Rewrites every include block of every README from its file. */
export function sync() {
  for (const readme of readmes) {
    const file = join(repoRoot, readme);
    const text = readFileSync(file, 'utf8');
    const synced = text.replace(
      block,
      (_, path, from, to, fence) =>
        `<!-- include ${path}${from === undefined ? '' : `#L${from}-L${to}`} -->\n${fence}${included(path, from, to)}\n\`\`\``,
    );
    if (synced !== text) writeFileSync(file, synced);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--write') sync();
