// The published shape of each library package, checked in plain Node (no DOM): every `exports` target exists, and
// importing the package through its own `exports` map works, which it would not if a module touched `window` or
// `self` at import time. Runs on the built `dist/` (`pnpm build` first), with node's own test runner.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const packagesDir = join(dirname(fileURLToPath(import.meta.url)), '../../packages');
const packageNames = ['@bgfetch/core', '@bgfetch/react', '@bgfetch/sw'];

for (const name of packageNames) {
  const dir = join(packagesDir, name.replace('@bgfetch/', ''));
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

  test(`${name}: the manifest describes an ESM package whose modules have no side effects`, () => {
    assert.equal(manifest.name, name);
    assert.equal(manifest.type, 'module');
    // Only stylesheets may have side effects: importing any module must change nothing until it is called.
    const sideEffects = manifest.sideEffects === false ? [] : manifest.sideEffects;
    assert.ok(Array.isArray(sideEffects), 'sideEffects is false or a list');
    for (const pattern of sideEffects) assert.match(pattern, /\.css$/);
  });

  test(`${name}: every exports target exists`, () => {
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      const files = typeof target === 'string' ? [target] : Object.values(target);
      for (const file of files) assert.ok(existsSync(join(dir, file)), `${subpath} → ${file} is missing`);
    }
  });

  test(`${name}: imports in plain Node without a DOM`, async () => {
    assert.equal(typeof globalThis.window, 'undefined');
    const module = await import(name);
    assert.equal(typeof module, 'object');
  });
}

// An app's entry stays small (docs/architecture.md, "Entries"): plumbing for `@bgfetch/sw` and the tests goes
// behind `@bgfetch/core/internal`.
test('@bgfetch/core: the app entry exports at most 24 values, the plumbing is behind /internal', async () => {
  const app = await import('@bgfetch/core');
  const internal = await import('@bgfetch/core/internal');
  assert.ok(
    Object.keys(app).length <= 24,
    `${Object.keys(app).length} values: ${Object.keys(app).join(', ')}`,
  );
  for (const name of ['landRecords', 'validateFetch', 'checkQuota', 'OUTCOME_CHANNEL_NAME']) {
    assert.equal(name in app, false, `${name} is plumbing`);
    assert.equal(typeof internal[name] === 'undefined', false, `${name} is in /internal`);
  }
});
