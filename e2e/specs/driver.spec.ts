import { expect, test } from '../harness/fixtures';

// The harness's own promises, checked in every engine: specs rely on the driver API meaning the same everywhere.

test('evaluate, waitForFunction, setOffline and two tabs behave alike', async ({ browser, server }) => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/blank/`);

  expect(await page.evaluate(async (arg) => ({ ...arg, sum: arg.a + 1 }), { a: 1 })).toEqual({
    a: 1,
    sum: 2,
  });
  expect(await page.evaluate(() => undefined)).toBeUndefined();
  await expect(page.evaluate(() => Promise.reject(new RangeError('nope')))).rejects.toThrow(
    'RangeError: nope',
  );

  // A pending evaluate in one tab must not hold up another tab (WebDriver has one current window).
  const other = await browser.newPage();
  await other.goto(`${server.origin}/blank/`);
  const received = page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        new BroadcastChannel('driver-spec').onmessage = (event) => resolve(event.data);
        document.body.dataset.listening = 'yes';
      }),
  );
  await page.waitForFunction(() => document.body.dataset.listening === 'yes');
  await other.evaluate(() => new BroadcastChannel('driver-spec').postMessage('hello'));
  expect(await received).toBe('hello');

  await page.evaluate(() => {
    window.addEventListener('offline', () => document.body.setAttribute('data-seen', 'offline'));
  });
  await page.setOffline(true);
  await page.waitForFunction(() => !navigator.onLine && document.body.dataset.seen === 'offline');
  await page.setOffline(false);
  expect(await page.evaluate(() => navigator.onLine)).toBe(true);

  await other.close();
  await page.close();
  expect(browser.pages).toHaveLength(0);
  const again = await browser.newPage();
  await again.goto(`${server.origin}/blank/`);
  expect(browser.pages).toEqual([again]);
});

test('restart keeps storage on the same profile', async ({ browser, server }) => {
  const url = `${server.origin}/blank/`;
  const page = await browser.newPage();
  await page.goto(url);
  await page.evaluate(async () => {
    localStorage.setItem('kept', 'yes');
    const cache = await caches.open('driver-spec');
    await cache.put('/kept', new Response('cached'));
  });

  await browser.restart();
  expect(browser.pages).toHaveLength(0);
  const after = await browser.newPage();
  await after.goto(url);
  expect(
    await after.evaluate(async () => {
      const cached = await (await caches.open('driver-spec')).match('/kept');
      return [localStorage.getItem('kept'), await cached?.text()];
    }),
  ).toEqual(['yes', 'cached']);
});
