import { expect, test } from '../harness/fixtures';

const MiB = 1024 * 1024;

test('a service-worker-controlled page downloads 3 MiB in ranged requests from a module worker', async ({
  browser,
  scope,
}) => {
  const file = { name: 'smoke.bin', size: 3 * MiB };
  const page = await browser.newPage();
  await page.goto(new URL('/smoke/', scope.base).href);

  const scriptUrl = await page.evaluate(() => window.smoke.controlledByServiceWorker());
  expect(new URL(scriptUrl).pathname).toBe('/smoke/sw.js');
  expect(await page.evaluate(() => window.smoke.pingServiceWorker())).toBe('smoke:pong');

  const result = await page.evaluate((request) => window.smoke.download(request), {
    url: scope.fileUrl(file),
    size: file.size,
    chunk: MiB,
  });

  expect(result.sha256).toBe(await scope.sha256(file));
  expect(result.responses).toEqual(
    [0, 1, 2].map((index) => ({
      status: 206,
      contentRange: `bytes ${index * MiB}-${(index + 1) * MiB - 1}/${file.size}`,
      bytes: MiB,
    })),
  );
  // settled(): a response is logged when it ends on the server, which can be a moment after the page has it.
  const log = await scope.settled();
  expect(
    log.map(({ method, range, status, bytesSent, incomplete }) => ({
      method,
      range,
      status,
      bytesSent,
      incomplete,
    })),
  ).toEqual(
    [0, 1, 2].map((index) => ({
      method: 'GET',
      range: `bytes=${index * MiB}-${(index + 1) * MiB - 1}`,
      status: 206,
      bytesSent: MiB,
      incomplete: false,
    })),
  );
});
