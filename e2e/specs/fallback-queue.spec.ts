import { expect, test } from '../harness/fixtures';
import type { TestPage } from '../harness/session';
import type { LogEntry, TestScope } from '../server/types';
import {
  DEFAULT_RECORDS,
  KiB,
  openFallbackPage,
  recordSha,
  startOn,
  TEST_ENGINE,
  waitForDownloaded,
  waitForStatus,
} from '../support/fallback';

/**
 * The fallback's queue across the origin's jobs (`maxConcurrentJobs`, `priority`; queue-store.ts): never more jobs
 * downloading at once than the limit, by the server's own log; a high job goes first; tabs and reloads keep one
 * order. Each file takes about a second at its throttle, so jobs let through together overlap on the server.
 */

const FILE_SIZE = 384 * KiB;
const THROTTLE = 384 * KiB;
const file = (name: string) => ({ name: `${name}.bin`, size: FILE_SIZE });

/** The most responses the server was sending at one moment. */
function mostAtOnce(log: LogEntry[]): number {
  const edges = log.flatMap((entry) => [
    { at: entry.startedAt, step: 1 },
    { at: entry.endedAt, step: -1 },
  ]);
  // An end and a start at the same millisecond are one after the other, not overlapping.
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let now = 0;
  let most = 0;
  for (const edge of edges) {
    now += edge.step;
    most = Math.max(most, now);
  }
  return most;
}

/** The file a logged request was for: `q1` for `…/files/q1.bin?throttle=…`. */
function fileOf(entry: LogEntry): string {
  const path = entry.url.split('?')[0]!;
  return path.slice(path.lastIndexOf('/') + 1).replace('.bin', '');
}

/** The files of the requests in the order the server got them. */
function requestOrder(log: LogEntry[]): string[] {
  return [...log].sort((a, b) => a.startedAt - b.startedAt).map(fileOf);
}

/** The files in the order the server first saw a request for each. */
function startOrder(log: LogEntry[]): string[] {
  return [...new Set(requestOrder(log))];
}

/** Waits for every job to land, then reads the server's log: one download at a time, started in `order`. */
async function expectServedOneByOne(page: TestPage, scope: TestScope, order: string[]) {
  for (const id of order) await waitForStatus(page, id, 'success');
  const log = await scope.settled();
  expect(mostAtOnce(log)).toBe(1);
  expect(startOrder(log)).toEqual(order);
}

function fetchAll(page: TestPage, jobs: { id: string; url: string; priority?: 'high' | 'normal' | 'low' }[]) {
  return page.evaluate(async (jobs) => {
    for (const { id, url, priority } of jobs)
      await window.fallback.fetch(id, [url], priority ? { priority } : {});
  }, jobs);
}

function queuePosition(page: TestPage, id: string) {
  return page.evaluate((id) => window.fallback.snapshot(id)?.queuePosition, id);
}

test('5 jobs with a limit of 2: never more than 2 download at once, the others wait with their place, all land', async ({
  browser,
  scope,
}) => {
  const page = await openFallbackPage(browser, scope, { engine: { ...TEST_ENGINE, maxConcurrentJobs: 2 } });
  const ids = ['q1', 'q2', 'q3', 'q4', 'q5'];
  const urls = ids.map((id) => scope.fileUrl(file(id), { throttle: THROTTLE }));
  await fetchAll(
    page,
    ids.map((id, index) => ({ id, url: urls[index]! })),
  );
  // The last one queued behind three others (two downloading, two before it in line).
  expect(await page.evaluate(() => window.fallback.snapshot('q5'))).toMatchObject({
    status: 'pending',
    priority: 'normal',
    queuePosition: 3,
  });
  for (const id of ids) await waitForStatus(page, id, 'success');
  const log = await scope.settled();
  expect(log).toHaveLength(5);
  expect(mostAtOnce(log)).toBe(2);
  expect(startOrder(log)).toEqual(ids);
  for (const [index, id] of ids.entries()) {
    expect(await recordSha(page, DEFAULT_RECORDS, urls[index]!)).toBe(await scope.sha256(file(id)));
    // Once it downloads, a job has no place in line.
    expect(await queuePosition(page, id)).toBeUndefined();
  }
  // While it waited, q5 always showed its place, which only went down (by two when two jobs ended together); once
  // admitted it is pending with none until its first bytes (0 here).
  const places = await page.evaluate(() =>
    window.fallback
      .history('q5')
      .filter((s) => s.status === 'pending')
      .map((s) => s.queuePosition ?? 0),
  );
  expect(places[0]).toBe(3);
  expect(places).toEqual([...places].sort((a, b) => b - a));
});

test('a high-priority job overtakes the queued normal ones; setPriority moves a queued job up', async ({
  browser,
  scope,
}) => {
  const page = await openFallbackPage(browser, scope, { engine: { ...TEST_ENGINE, maxConcurrentJobs: 1 } });
  const jobs = ['n1', 'n2', 'n3', 'h'].map((id) => ({
    id,
    url: scope.fileUrl(file(id), { throttle: THROTTLE }),
    ...(id === 'h' ? { priority: 'high' as const } : {}),
  }));
  await fetchAll(page, jobs);
  // fetch() resolves with the job's first snapshot, its place in line included; the others' move reaches the
  // store a moment later.
  expect(await queuePosition(page, 'h')).toBe(1);
  await page.waitForFunction(() => window.fallback.snapshot('n2')?.queuePosition === 2);
  // n3 turns high: among the high ones it came before h.
  await page.evaluate(() => window.fallback.setPriority('n3', 'high'));
  await page.waitForFunction(() => window.fallback.snapshot('n3')?.queuePosition === 1);
  expect(await page.evaluate(() => window.fallback.snapshot('n3')?.priority)).toBe('high');
  await page.waitForFunction(
    () =>
      window.fallback.snapshot('h')?.queuePosition === 2 &&
      window.fallback.snapshot('n2')?.queuePosition === 3,
  );
  await expectServedOneByOne(page, scope, ['n1', 'n3', 'h', 'n2']);
});

test('a bad priority is a TypeError and starts nothing', async ({ browser, scope }) => {
  const page = await openFallbackPage(browser, scope);
  const url = scope.fileUrl(file('bad'));
  const error = await page.evaluate(
    (url) =>
      window.fallback.fetch('bad', [url], { priority: 'urgent' as never }).then(
        () => 'started',
        (error: Error) => `${error.name}: ${error.message}`,
      ),
    url,
  );
  expect(error).toBe(`TypeError: bgfetch: options.priority must be 'high', 'normal' or 'low', got "urgent"`);
  expect(await page.evaluate(() => window.fallback.storeIds())).toEqual([]);
  expect(scope.log()).toEqual([]);
});

test('two tabs share one queue', async ({ browser, scope }) => {
  const config = { engine: { ...TEST_ENGINE, maxConcurrentJobs: 1 } };
  const first = await openFallbackPage(browser, scope, config);
  const second = await openFallbackPage(browser, scope, config);
  const url = (id: string) => scope.fileUrl(file(id), { throttle: THROTTLE });
  await fetchAll(first, [{ id: 'a1', url: url('a1') }]);
  await fetchAll(second, [{ id: 'b1', url: url('b1') }]);
  await fetchAll(first, [{ id: 'a2', url: url('a2') }]);
  // Each tab sees the other's job waiting, in the one order.
  await second.waitForFunction(() => window.fallback.snapshot('a2')?.queuePosition === 2);
  await first.waitForFunction(() => window.fallback.snapshot('b1')?.queuePosition === 1);
  await expectServedOneByOne(first, scope, ['a1', 'b1', 'a2']);
});

test('a reload keeps the order of the queue', async ({ browser, scope }) => {
  const config = { engine: { ...TEST_ENGINE, maxConcurrentJobs: 1 } };
  const page = await openFallbackPage(browser, scope, config);
  // Ids against the alphabet: the order after the reload is the stored one, not the order records are read in.
  const jobs = ['c', 'b', 'a'].map((id) => ({ id, url: scope.fileUrl(file(id), { throttle: THROTTLE }) }));
  await fetchAll(page, jobs);
  await waitForDownloaded(page, 'c', 64 * KiB);
  await page.reload();
  await startOn(page, scope, config);
  await page.waitForFunction(
    () =>
      window.fallback.snapshot('a')?.queuePosition === 2 &&
      window.fallback.snapshot('b')?.queuePosition === 1,
  );
  await expectServedOneByOne(page, scope, ['c', 'b', 'a']);
});

test('a paused job gives its place to the next and waits for a free one once resumed; an aborted one leaves the line', async ({
  browser,
  scope,
}) => {
  const page = await openFallbackPage(browser, scope, { engine: { ...TEST_ENGINE, maxConcurrentJobs: 1 } });
  const jobs = ['p1', 'p2', 'p3'].map((id) => ({ id, url: scope.fileUrl(file(id), { throttle: THROTTLE }) }));
  await fetchAll(page, jobs);
  expect(await page.evaluate(() => window.fallback.abort('p2'))).toBe(true);
  await waitForStatus(page, 'p2', 'aborted');
  await page.waitForFunction(() => window.fallback.snapshot('p3')?.queuePosition === 1);
  await waitForDownloaded(page, 'p1', 64 * KiB);
  const pausing = Date.now();
  await page.evaluate(() => window.fallback.pause('p1'));
  await waitForStatus(page, 'p1', 'paused');
  await waitForDownloaded(page, 'p3', 1);
  await page.evaluate(() => window.fallback.resume('p1'));
  await page.waitForFunction(
    () =>
      window.fallback.snapshot('p1')?.status === 'pending' &&
      window.fallback.snapshot('p1')?.queuePosition === 1,
  );
  await waitForStatus(page, 'p3', 'success');
  await waitForStatus(page, 'p1', 'success');
  const log = await scope.settled();
  // p2 never reached the server; p1 resumed after p3.
  expect(requestOrder(log)).toEqual(['p1', 'p3', 'p1']);
  const [cut, next, resumed] = [...log].sort((a, b) => a.startedAt - b.startedAt);
  // The server notices a dropped throttled response only at its next write, a moment after the page let go: the
  // cut one is measured from the pause, not from its end in the log.
  expect(cut!.incomplete).toBe(true);
  expect(next!.startedAt).toBeGreaterThanOrEqual(pausing);
  expect(resumed!.startedAt).toBeGreaterThanOrEqual(next!.endedAt);
  expect(await recordSha(page, DEFAULT_RECORDS, jobs[0]!.url)).toBe(await scope.sha256(file('p1')));
});
