// The READMEs' examples are the consumer template's files (e2e/consumer/template), which the consumer suite builds
// from the packed packages and runs in every engine: each include block must equal its file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { includesOf, readmes } from './readme-includes.mjs';

for (const readme of readmes) {
  test(`${readme}: every included example equals its file (pnpm readme:sync rewrites them)`, () => {
    for (const { path, actual, expected } of includesOf(readme))
      assert.equal(actual, expected, `${readme}: ${path}`);
  });
}

test('the quick starts (root, core, react, sw) include the template app', () => {
  for (const readme of [
    'README.md',
    'packages/core/README.md',
    'packages/react/README.md',
    'packages/sw/README.md',
  ]) {
    const paths = includesOf(readme).map(({ path }) => path);
    assert.ok(
      paths.some((path) => path.startsWith('e2e/consumer/template/')),
      `${readme} includes no file of the template`,
    );
  }
});
