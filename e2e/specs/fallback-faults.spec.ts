import { expect, test } from '../harness/fixtures';
import type { Knobs, LogEntry } from '../server/types';
import {
  BROWSER_BUFFER,
  bytesSent,
  DEFAULT_RECORDS,
  fastAgain,
  KiB,
  MiB,
  openFallbackPage,
  rangeStart,
  recordSha,
  requestLog,
  slowFirstResponse,
  startAndPauseAfterAChunk,
  startOn,
  TEST_ENGINE,
  waitForDownloaded,
  waitForSettled,
  waitForStatus,
  wentDown,
} from '../support/fallback';

/**
 * Faults from the media server's knobs and the browser, each ending in a record whose SHA-256 equals the server's
 * for the expected version: resume after cuts, a reload, offline, a server that ignores Range, a changed ETag,
 * a 503, a stall. Chunks are 256 KiB here (TEST_ENGINE), so every file spans several.
 */

const CHUNK = TEST_ENGINE.chunkSize!;

test('a connection cut at 10 different offsets of one file resumes each time to the same bytes', async ({
  browser,
  scope,
}) => {
  const file = { name: 'cut.bin', size: MiB };
  const offsets = [
    0,
    1,
    CHUNK - 1,
    CHUNK,
    CHUNK + 1,
    300 * KiB,
    2 * CHUNK,
    700 * KiB,
    3 * CHUNK + 5,
    file.size - 1,
  ];
  const page = await openFallbackPage(browser, scope);
  const expected = await scope.sha256(file);
  for (const [index, cutAfter] of offsets.entries()) {
    // Re-armed per job: the first response reaching the offset is cut, the resumed one is not.
    scope.setKnobs(file.name, { cutAfter, cutMode: 'once' });
    const url = `${scope.fileUrl(file)}&job=${index}`;
    await page.evaluate(({ id, url }) => window.fallback.fetch(id, [url]), { id: `cut-${index}`, url });
    await waitForStatus(page, `cut-${index}`, 'success');
    expect(await recordSha(page, DEFAULT_RECORDS, url), `cut after ${cutAfter}`).toBe(expected);
  }
  const log = await requestLog(scope);
  expect(log.filter((entry) => entry.incomplete)).toHaveLength(offsets.length);
  // Each resume asked for the rest with a validator, from where the stored bytes end: a cut is an error, so what
  // was received before it was committed (not only whole chunks), and never more than the server sent.
  for (const entry of log.filter((entry) => entry.range !== null)) {
    const job = entry.url.match(/&job=(\d+)/)![1];
    const cut = log.find((each) => each.incomplete && each.url.endsWith(`&job=${job}`))!;
    expect(rangeStart(entry)).toBeLessThanOrEqual(cut.bytesSent);
    expect(entry.ifRange).not.toBeNull();
  }
  // A cut loses at most the chunk being written: each resume re-fetches at most one chunk. (WebKitGTK's network
  // layer re-sends a GET cut mid-body by itself, whole and without Range, before the page sees any error; those
  // requests carry no Range and are not the engine's.)
  for (let job = 0; job < offsets.length; job++) {
    const [cut, ...rest] = log.filter((entry) => entry.url.endsWith(`&job=${job}`));
    for (const resumed of rest.filter((entry) => entry.range !== null)) {
      const from = Number(resumed.range!.match(/^bytes=(\d+)-$/)![1]);
      expect(cut!.bytesSent - from).toBeLessThanOrEqual(CHUNK + BROWSER_BUFFER);
    }
  }
  expect(await page.evaluate(() => window.fallback.storage())).toMatchObject({
    chunks: 0,
    files: 0,
    jobs: [],
    requests: 0,
  });
});

test('a reload mid-download rehydrates and resumes by itself, re-fetching at most one chunk', async ({
  browser,
  scope,
}) => {
  const file = { name: 'reload.bin', size: 2 * MiB };
  const url = scope.fileUrl(file);
  slowFirstResponse(scope, file);
  const page = await openFallbackPage(browser, scope);
  await page.evaluate((url) => window.fallback.fetch('reloaded', [url], { title: 'Reloaded' }), url);
  await waitForDownloaded(page, 'reloaded', CHUNK + 64 * KiB);
  fastAgain(scope, file);
  await page.reload();
  await startOn(page, scope);
  const rehydrated = await page.evaluate(() => window.fallback.history('reloaded')[0]);
  expect(rehydrated).toMatchObject({ id: 'reloaded', engine: 'fallback', title: 'Reloaded', result: '' });
  expect(rehydrated!.downloaded).toBeGreaterThanOrEqual(CHUNK);
  await waitForStatus(page, 'reloaded', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
  // Re-fetched: what the first response had sent beyond the offset the engine resumed from (with the bytes still in
  // the browser's buffers when the page went).
  const [first, resumed] = await requestLog(scope);
  const from = Number(resumed!.range!.match(/^bytes=(\d+)-$/)![1]);
  expect(from % CHUNK).toBe(0);
  expect(first!.bytesSent - from).toBeLessThanOrEqual(CHUNK + BROWSER_BUFFER);
});

test('offline pauses the download (status offline), online resumes it', async ({ browser, scope }) => {
  // WebKit's driver cannot take the browser offline: the harness emulates the page's events, which the engine
  // forwards to its worker, so the worker stops as the page sees it (the network itself stays up there).
  const file = { name: 'offline.bin', size: 2 * MiB };
  const url = scope.fileUrl(file);
  slowFirstResponse(scope, file);
  const page = await openFallbackPage(browser, scope);
  await page.evaluate((url) => window.fallback.fetch('net', [url]), url);
  await waitForDownloaded(page, 'net', CHUNK);
  await page.setOffline(true);
  await waitForStatus(page, 'net', 'offline');
  fastAgain(scope, file);
  await page.setOffline(false);
  await waitForStatus(page, 'net', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
  expect((await bytesSent(scope, file)) - file.size).toBeLessThanOrEqual(CHUNK + BROWSER_BUFFER);
});

/*
 * The next two tests interrupt the download with pause() once a chunk is stored, not with a server cut: a cut
 * surfaces in Chromium only after its network pipe has taken in what the server sent, and the worker's stream then
 * errors, dropping whatever it had not read yet (under load, everything: the resume then has nothing to resume and
 * sends no Range, and the test proves nothing). A pause stops the transfer at a known point, with stored chunks.
 */

/** Answers to the resume that cannot be spliced onto the stored bytes: the request restarts from zero. */
const UNSPLICEABLE: { what: string; knobs: Knobs; log: Partial<LogEntry>[] }[] = [
  {
    what: 'a server that ignores Range',
    knobs: { ignoreRange: true },
    log: [
      { status: 200, range: null },
      { status: 200, incomplete: false },
    ],
  },
  {
    // The resume's answer starts 1000 bytes early: the engine drops it and what it had, and asks for all again.
    what: 'a 206 from another offset than asked',
    knobs: { rangeShift: 1000 },
    log: [{ status: 200, range: null }, { status: 206 }, { status: 200, range: null, incomplete: false }],
  },
];

for (const { what, knobs, log: expected } of UNSPLICEABLE) {
  test(`${what} makes the request restart from zero, never splice`, async ({ browser, scope }) => {
    const file = { name: 'unspliceable.bin', size: 3 * MiB };
    const page = await openFallbackPage(browser, scope);
    const url = await startAndPauseAfterAChunk(page, scope, 'restarts', file, knobs);
    await page.evaluate(() => window.fallback.resume('restarts'));
    await waitForStatus(page, 'restarts', 'success');
    expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
    const log = await requestLog(scope);
    expect(log).toMatchObject(expected);
    // The resume asked for the rest from a stored chunk boundary.
    expect(log[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(rangeStart(log[1]!)! % CHUNK).toBe(0);
    // `downloaded` went down when the whole body came again (conformance rule 10), as the engine reported it (the
    // engine's own reports from the channel, before any coalescing).
    expect(await wentDown(page, 'restarts')).toBe(true);
  });
}

// A response of its own file, and one small enough to share the job's pack (fallback/job-pack.ts): a place whose
// bytes are gone, or whose server has a new version, is never continued.
for (const [how, size] of [
  ['a file of its own', 3 * MiB],
  ['a place in the pack', MiB],
] as const) {
  test(`stored bytes lost behind the engine (site data cleared while paused) make the request start over: ${how}`, async ({
    browser,
    scope,
  }) => {
    const file = { name: 'lost.bin', size };
    const page = await openFallbackPage(browser, scope);
    const url = await startAndPauseAfterAChunk(page, scope, 'lost', file);
    await page.evaluate(() => window.fallback.loseStoredBytes());
    await page.evaluate(() => window.fallback.resume('lost'));
    await waitForStatus(page, 'lost', 'success');
    expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
    // No Range for bytes that are gone: the whole file again, never a gap spliced in.
    expect(await requestLog(scope)).toMatchObject([
      { status: 200, range: null, incomplete: true },
      { status: 200, range: null, incomplete: false },
    ]);
    expect(await wentDown(page, 'lost')).toBe(true);
  });

  test(`an ETag that changes mid-download gives the new version whole, never spliced: ${how}`, async ({
    browser,
    scope,
  }) => {
    const file = { name: 'etag.bin', size };
    const page = await openFallbackPage(browser, scope);
    const url = await startAndPauseAfterAChunk(page, scope, 'etag', file);
    scope.bumpVersion(file.name);
    await page.evaluate(() => window.fallback.resume('etag'));
    await waitForStatus(page, 'etag', 'success');
    const log = await requestLog(scope);
    // The resume asked for the rest of version 1 (If-Range); the server answered with version 2, whole.
    expect(log).toMatchObject([
      { status: 200, range: null },
      {
        status: 200,
        range: expect.stringMatching(/^bytes=\d+-$/),
        ifRange: expect.any(String),
        incomplete: false,
      },
    ]);
    const sha = await recordSha(page, DEFAULT_RECORDS, url);
    expect(sha).not.toBe(await scope.sha256(file, 1));
    expect(sha).toBe(await scope.sha256(file, 2));
    expect(await wentDown(page, 'etag')).toBe(true);
  });
}

test('503 twice, then success: retried with back-off', async ({ browser, scope }) => {
  const file = { name: 'busy.bin', size: 700 * KiB };
  const url = scope.fileUrl(file, { status: 503, failTimes: 2 });
  const page = await openFallbackPage(browser, scope);
  await page.evaluate((url) => window.fallback.fetch('busy', [url]), url);
  await waitForStatus(page, 'busy', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
  expect((await requestLog(scope)).map((entry) => entry.status)).toEqual([503, 503, 200]);
});

test('a stall (no bytes for stallTimeoutMs) is dropped and resumed', async ({ browser, scope }) => {
  const file = { name: 'stall.bin', size: 600 * KiB };
  // The server would hold the response for 20 s: the engine gives up after TEST_ENGINE.stallTimeoutMs.
  const url = scope.fileUrl(file, { stallAt: 400 * KiB, stallMs: 20_000 });
  const page = await openFallbackPage(browser, scope);
  await page.evaluate((url) => window.fallback.fetch('stall', [url]), url);
  await waitForStatus(page, 'stall', 'success', 15_000);
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
  // Every response stalls 400 KiB into its body (query knobs apply to each request). A stall is an error: what
  // was received before it is committed, so the resume asks from exactly there and needs no other.
  const log = await requestLog(scope);
  expect(log[0]).toMatchObject({ incomplete: true, range: null, bytesSent: 400 * KiB });
  expect(log.slice(1)).toMatchObject([{ range: `bytes=${400 * KiB}-` }]);
  expect(log.at(-1)).toMatchObject({ incomplete: false });
});

test('a first answer without Content-Length, resumed by a server that caps open-ended ranges: whole, never short', async ({
  browser,
  scope,
}) => {
  // The first answer is chunked (no length); each resume is `206 bytes D-E/T` with E < T-1, 300 KiB at a time. The
  // total comes only from Content-Range: the record is complete at that total, asked for range after range.
  const file = { name: 'capped.bin', size: 2 * MiB };
  const page = await openFallbackPage(browser, scope);
  const url = await startAndPauseAfterAChunk(page, scope, 'capped', file, {
    chunked: true,
    rangeCap: 300 * KiB,
  });
  await page.evaluate(() => window.fallback.resume('capped'));
  await waitForStatus(page, 'capped', 'success');
  const record = await page.evaluate(({ name, url }) => window.fallback.record(name, url), {
    name: DEFAULT_RECORDS,
    url,
  });
  expect(record).toMatchObject({ bytes: file.size });
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
  const log = await requestLog(scope);
  expect(log[0]).toMatchObject({ status: 200, range: null, incomplete: true });
  // Every later answer continued the last: a capped 206 from where the stored bytes end.
  expect(log.slice(1).every((entry) => entry.status === 206 && !entry.incomplete)).toBe(true);
  expect(log.slice(1).reduce((sum, entry) => sum + entry.bytesSent, 0)).toBe(
    file.size - rangeStart(log[1]!)!,
  );
});

test('network errors while the browser stays online: the fetch waits (offline) past its retry budget, keeps its bytes, resumes when the server answers', async ({
  browser,
  scope,
  server,
}) => {
  const file = { name: 'outage.bin', size: 2 * MiB };
  const url = scope.fileUrl(file);
  slowFirstResponse(scope, file);
  const page = await openFallbackPage(browser, scope);
  await page.evaluate((url) => window.fallback.fetch('outage', [url]), url);
  await waitForDownloaded(page, 'outage', CHUNK + 1);
  // The server goes away (a restart, a VPN drop): every connection fails, navigator.onLine stays true.
  server.setOffline(true);
  const budget = TEST_ENGINE.retry!.attempts!;
  try {
    const failedAttempts = () => scope.log().filter((entry) => entry.status === 0).length;
    const status = () => page.evaluate(() => window.fallback.snapshot('outage')?.status);
    // Past its retry budget the job waits, shown as offline (today's code failed it here, dropping its bytes).
    await expect.poll(status, { timeout: 30_000 }).toMatch(/^(offline|failure)$/);
    expect(await status()).toBe('offline');
    // And it keeps probing, beyond any budget, keeping the job and its bytes.
    const seen = failedAttempts();
    await expect.poll(failedAttempts, { timeout: 30_000 }).toBeGreaterThan(seen + budget);
    expect(await status()).toBe('offline');
    const storage = await page.evaluate(() => window.fallback.storage());
    expect(storage.jobs).toEqual(['outage']);
    expect(storage.files + storage.chunks).toBeGreaterThan(0);
  } finally {
    server.setOffline(false);
  }
  fastAgain(scope, file);
  await waitForStatus(page, 'outage', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
  // The bytes kept were resumed, not fetched again.
  const answered = (await requestLog(scope)).filter((entry) => entry.status !== 0);
  expect(rangeStart(answered.at(-1)!)).toBeGreaterThanOrEqual(CHUNK);
});

test('an attempt that fails mid-body commits what it received first: the resume asks from the last byte, not a chunk boundary', async ({
  browser,
  scope,
}) => {
  const file = { name: 'commit.bin', size: 2 * MiB };
  // Every answer stalls after 1.5 MiB of body (the engine gives up after stallTimeoutMs); chunks of 8 MiB, the
  // default: without a commit on error nothing of this file would ever be stored, and each attempt would start over.
  const stallAt = 1536 * KiB;
  const url = scope.fileUrl(file, { stallAt, stallMs: 20_000 });
  const page = await openFallbackPage(browser, scope, { engine: { ...TEST_ENGINE, chunkSize: 8 * MiB } });
  await page.evaluate((url) => window.fallback.fetch('commit', [url]), url);
  expect(await waitForSettled(page, 'commit')).toBe('success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
  expect(await requestLog(scope)).toMatchObject([
    { range: null, bytesSent: stallAt, incomplete: true },
    { range: `bytes=${stallAt}-`, bytesSent: file.size - stallAt, incomplete: false },
  ]);
});
